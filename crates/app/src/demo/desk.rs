//! The demo's Werkcentrum desk: seven locations with their walk-in hours, a year of conversations
//! (a third anonymous, the rest with a resident who consented), and referrals to UWV and the
//! municipalities' re-integration companies: most answered, a few sent back, the newest waiting.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::desk::{Asker, Channel, Question, ReferralStatus};
use koppel_store::desk::{self as store, LocationWrite, NewConversation, NewResident};
use koppel_store::referrals::{self, NewReferral};
use koppel_store::Tx;
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{FIRST_NAMES, LAST_NAMES};
use super::people::{user_ids, Orgs};
use crate::AppError;

/// (name, address, postcode, city, walk-in hours).
const LOCATIONS: [(&str, &str, &str, &str, &str); 7] = [
    (
        "Bibliotheek Haarlem Centrum",
        "Gasthuisstraat 32",
        "2011 XP",
        "Haarlem",
        "maandag en woensdag 9.30-12.30 uur",
    ),
    (
        "Stadsschouwburg Velsen",
        "Groeneweg 71",
        "1972 EV",
        "IJmuiden",
        "dinsdag 13.00-16.00 uur",
    ),
    (
        "Huis van de Wijk Beverwijk",
        "Zeestraat 28",
        "1941 AX",
        "Beverwijk",
        "donderdag 9.00-12.00 uur",
    ),
    (
        "Bibliotheek Heemskerk",
        "Maerten van Heemskerckplein 1",
        "1964 EZ",
        "Heemskerk",
        "vrijdag 9.30-12.00 uur",
    ),
    (
        "Raadhuis Heemstede",
        "Raadhuisplein 1",
        "2101 HA",
        "Heemstede",
        "dinsdag 9.00-12.00 uur",
    ),
    (
        "Gemeentehuis Zandvoort",
        "Swaluëstraat 2",
        "2042 KA",
        "Zandvoort",
        "woensdag 13.30-16.00 uur",
    ),
    (
        "Dorpshuis Bloemendaal",
        "Kerklaan 10",
        "2061 EK",
        "Bloemendaal",
        "eerste maandag van de maand 13.00-16.00 uur",
    ),
];

/// What a gids writes down, per question: (advice, next step).
fn advice(q: Question) -> (&'static str, &'static str) {
    match q {
        Question::Werken => (
            "Vacatures in de regio doorgenomen en het cv aangescherpt.",
            "Solliciteert zelf; over twee weken bellen.",
        ),
        Question::Leren => (
            "Mogelijkheden voor een mbo-opleiding met STAP-achtige regelingen besproken.",
            "Doorverwijzen naar het ROC voor een intake.",
        ),
        Question::Loopbaan => (
            "Loopbaanwensen en sterke punten in kaart gebracht.",
            "Loopbaangesprek over drie weken.",
        ),
        Question::Personeel => (
            "Uitgelegd wat het Werkcentrum voor werkgevers doet.",
            "Contact leggen met een adviseur werkgeversdiensten.",
        ),
        Question::Uitkering => (
            "Uitgelegd welke instantie over de uitkering gaat.",
            "Warm doorverwijzen naar UWV of de gemeente.",
        ),
        Question::Anders => (
            "Informatie gegeven over schuldhulp en taalcursussen.",
            "Geen vervolg nodig.",
        ),
    }
}

pub(super) async fn insert_desk(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    orgs: &Orgs,
) -> Result<(), AppError> {
    let mut places = Vec::new();
    for (name, address, postcode, city, hours) in LOCATIONS {
        let l = LocationWrite {
            name: name.into(),
            address: address.into(),
            postcode: postcode.into(),
            city: city.into(),
            walk_in_hours: hours.into(),
            active: true,
        };
        places.push(store::insert_location(tx, &l).await?);
    }
    let gidsen = user_ids(tx, "gids").await?;
    let org = |short: &str| orgs.all.iter().find(|o| o.1 == short).map(|o| o.0);
    let (Some(desk), false) = (org("Werkcentrum"), gidsen.is_empty()) else {
        return Ok(());
    };
    // UWV for benefits, the municipalities' re-integration companies for the rest; a consultant
    // there answers.
    let receivers: Vec<(i64, i64)> = koppel_store::users::list_with_roles(tx, &["consultant"])
        .await?
        .into_iter()
        .filter(|u| [orgs.uwv, orgs.spaarne, orgs.ijmond].contains(&u.org_id))
        .map(|u| (u.org_id, u.id))
        .collect();
    if receivers.is_empty() {
        return Ok(());
    }
    let mut residents: Vec<i64> = Vec::new();
    let now = Utc::now();
    for n in 0..1300 {
        let day = rng.gen_range(0..365);
        let at = now - Duration::days(day) - Duration::minutes(rng.gen_range(0..480));
        let channel = *[
            Channel::WalkIn,
            Channel::WalkIn,
            Channel::WalkIn,
            Channel::Phone,
            Channel::Phone,
            Channel::Appointment,
            Channel::Online,
        ]
        .choose(rng)
        .unwrap_or(&Channel::WalkIn);
        let question = *Question::ALL.choose(rng).unwrap_or(&Question::Werken);
        let asker = if question == Question::Personeel {
            Asker::Employer
        } else if rng.gen_bool(0.25) {
            Asker::Worker
        } else {
            Asker::Resident
        };
        let gids = gidsen[n % gidsen.len()];
        let resident = if rng.gen_bool(0.35) {
            None
        } else if !residents.is_empty() && rng.gen_bool(0.3) {
            residents.choose(rng).copied()
        } else {
            let new = NewResident {
                org_id: desk,
                name: format!(
                    "{} {}",
                    FIRST_NAMES.choose(rng).unwrap_or(&"Sam"),
                    LAST_NAMES.choose(rng).unwrap_or(&"Jansen")
                ),
                birth_date: NaiveDate::from_ymd_opt(
                    rng.gen_range(1962..2006),
                    rng.gen_range(1..13),
                    rng.gen_range(1..29),
                )
                .unwrap_or_default(),
                phone: Some(format!("06{:08}", rng.gen_range(10_000_000..99_999_999))),
                email: None,
                registered_by: gids,
                at,
            };
            let id = store::insert_resident(tx, &new).await?;
            residents.push(id);
            Some(id)
        };
        let (said, next) = advice(question);
        let conversation = NewConversation {
            org_id: desk,
            user_id: gids,
            location_id: matches!(channel, Channel::WalkIn | Channel::Appointment)
                .then(|| places[n % places.len()]),
            channel: channel.code(),
            question: question.code(),
            asker: asker.code(),
            resident_id: resident,
            advice: said.into(),
            next_step: next.into(),
            occurred_at: at,
        };
        let id = store::insert_conversation(tx, &conversation).await?;
        if let (Some(r), true) = (resident, rng.gen_bool(0.3)) {
            refer(tx, rng, (desk, gids), r, id, &receivers, day).await?;
        }
    }
    requests(tx, rng, &places).await?;
    trajectories(tx, rng, desk, gidsen[0], &residents).await
}

/// Budgets for this year and last, and trajectories for a fifth of the residents: the older ones
/// ended (mostly in work or education), the newer ones still running.
async fn trajectories(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    desk: i64,
    gids: i64,
    residents: &[i64],
) -> Result<(), AppError> {
    use koppel_store::trajectories::{self as store, NewTrajectory};
    let plan = [
        ("werkfit", 250_000 * 100, 2_500 * 100),
        ("opleiding", 400_000 * 100, 4_500 * 100),
        ("loopbaan", 120_000 * 100, 1_200 * 100),
    ];
    let today = Utc::now().date_naive();
    for year in [today.year() - 1, today.year()] {
        for (kind, budget, _) in plan {
            store::set_budget(tx, desk, year, kind, budget).await?;
        }
    }
    for resident in residents.iter().step_by(5) {
        let (kind, _, cost) = *plan.choose(rng).unwrap_or(&plan[0]);
        let start = today - Duration::days(rng.gen_range(0..365));
        let t = NewTrajectory {
            org_id: desk,
            resident_id: *resident,
            kind: kind.into(),
            provider: [
                "ROC Nova",
                "Werkfit IJmond",
                "Loopbaanpunt Haarlem",
                "Taalhuis Kennemerland",
            ]
            .choose(rng)
            .unwrap_or(&"ROC Nova")
            .to_string(),
            start_date: start,
            end_date: Some(start + Duration::days(120)),
            cost_cents: cost + rng.gen_range(0..100) * 1_000,
            booked_by: gids,
            at: Utc::now(),
        };
        let id = store::insert(tx, &t).await?;
        if start + Duration::days(120) < today {
            let outcome = *["in_work", "in_work", "in_education", "dropped_out"]
                .choose(rng)
                .unwrap_or(&"in_work");
            store::update_outcome(tx, id, 1, outcome, t.end_date, t.cost_cents).await?;
        }
    }
    Ok(())
}

/// A few residents' requests through the public form from the last two days, waiting for a gids.
async fn requests(tx: &mut Tx, rng: &mut ChaCha8Rng, places: &[i64]) -> Result<(), AppError> {
    let asked = [
        (
            "appointment",
            "loopbaan",
            "Ik werk al twintig jaar in de haven en wil iets anders.",
        ),
        (
            "call_back",
            "uitkering",
            "Mijn contract stopt volgende maand; waar moet ik heen?",
        ),
        (
            "appointment",
            "leren",
            "Ik wil een opleiding tot verzorgende volgen naast mijn werk.",
        ),
        (
            "call_back",
            "werken",
            "Ik ben net in Nederland en zoek werk in de bouw.",
        ),
    ];
    for (n, (kind, question, message)) in asked.into_iter().enumerate() {
        let new = koppel_store::desk_requests::NewDeskRequest {
            kind,
            name: format!(
                "{} {}",
                FIRST_NAMES.choose(rng).unwrap_or(&"Sam"),
                LAST_NAMES.choose(rng).unwrap_or(&"Jansen")
            ),
            phone: Some(format!("06{:08}", rng.gen_range(10_000_000..99_999_999))),
            email: None,
            question: Question::parse(question)
                .map(|q| q.code())
                .unwrap_or("anders"),
            location_id: (kind == "appointment").then(|| places[n % places.len()]),
            message: message.into(),
            received_at: Utc::now() - Duration::hours(rng.gen_range(1..48)),
        };
        koppel_store::desk_requests::insert(tx, &new).await?;
    }
    Ok(())
}

/// One referral, answered when it is older than ten days (most accepted, some sent back).
async fn refer(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    (desk, gids): (i64, i64),
    resident: i64,
    conversation: i64,
    receivers: &[(i64, i64)],
    days_ago: i64,
) -> Result<(), AppError> {
    let sent_at = Utc::now() - Duration::days(days_ago);
    let (to, answerer) = *receivers.choose(rng).unwrap_or(&receivers[0]);
    let id = referrals::insert(
        tx,
        &NewReferral {
            resident_id: resident,
            conversation_id: Some(conversation),
            from_org_id: desk,
            sent_by: gids,
            to_org_id: to,
            to_user_id: None,
            note: "Warme overdracht na een gesprek aan de balie.".into(),
            sent_at,
        },
    )
    .await?;
    // Older ones are all answered; of the last two months a few still wait.
    if days_ago > 10 && (days_ago > 60 || rng.gen_bool(0.85)) {
        let back = rng.gen_bool(0.1);
        let (status, reason) = if back {
            (
                ReferralStatus::Returned,
                "Hoort bij een andere organisatie; graag opnieuw verwijzen.",
            )
        } else {
            (ReferralStatus::Accepted, "")
        };
        let at = sent_at + Duration::days(rng.gen_range(1..6));
        referrals::answer(tx, id, 1, status.code(), answerer, reason, at).await?;
    }
    Ok(())
}
