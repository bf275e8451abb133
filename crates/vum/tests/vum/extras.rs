//! The VUM fields beyond koppel's own: read back as written, and what did not change stays as it came.

use koppel_vum::extras::*;
use serde_json::json;

#[test]
fn extras_written_are_read_back_and_untouched_fields_stay_as_they_came() {
    let doc =
        json!({"idVacature": "V", "cursus": [{"naamCursus": "VCA", "toelichtingCursus": "basis"}]});
    let mut e = read_vacancy(&doc);
    assert_eq!(e.courses, ["VCA"]);
    e.hours_min = Some(16);
    e.transport = vec![3, 5];
    e.sbi = Some(4711);
    let written = write_vacancy(&doc, &e);
    assert_eq!(read_vacancy(&written), e);
    assert_eq!(
        written["cursus"], doc["cursus"],
        "courses unchanged: kept with their explanation"
    );
    let cleared = write_vacancy(
        &written,
        &VacancyExtras {
            courses: e.courses.clone(),
            ..Default::default()
        },
    );
    assert_eq!(cleared, doc);

    let person = json!({"idWerkzoekende": "W", "emailadres": ["oud@x.nl"]});
    let agreed = JobSeekerExtras {
        contact_offered: true,
        contract_forms: vec!["O".into()],
        ..Default::default()
    };
    let with = write_jobseeker(&person, &agreed, (Some("a@b.nl"), None));
    assert_eq!(with["emailadres"], json!(["a@b.nl"]));
    assert!(with.get("telefoonnummer").is_none());
    assert_eq!(read_jobseeker(&with), agreed);
    let without = write_jobseeker(
        &with,
        &JobSeekerExtras {
            contact_offered: false,
            ..agreed.clone()
        },
        (Some("a@b.nl"), None),
    );
    assert!(without.get("emailadres").is_none());
    let with_forms = write_vacancy(
        &json!({"contractvorm": [{"codeTypeArbeidscontract": "B", "codeTypeOvereenkomst": "04"}]}),
        &VacancyExtras {
            contract_forms: vec!["B".into(), "O".into()],
            agreement: Some("04".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        with_forms["contractvorm"],
        json!([{"codeTypeArbeidscontract": "B", "codeTypeOvereenkomst": "04"}, {"codeTypeArbeidscontract": "O", "codeTypeOvereenkomst": "04"}])
    );
    let seeker = json!({"bemiddelingsberoep": [{"codeBeroepsnaam": "kok"}]});
    let more = JobSeekerExtras {
        other_occupations: vec!["bakker".into()],
        contract_forms: vec![],
        ..read_jobseeker(&seeker)
    };
    let written = write_jobseeker(&seeker, &more, (None, None));
    assert_eq!(written["bemiddelingsberoep"][0]["codeBeroepsnaam"], "kok");
    assert_eq!(read_jobseeker(&written).other_occupations, ["bakker"]);
    assert_eq!(without["indicatieBeschikbaarheidContactgegevens"], 2);
}
