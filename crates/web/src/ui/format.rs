//! How the UI writes things the Dutch way (dates in Europe/Amsterdam, amounts, yes/no, code
//! labels, languages), and the service's identity (name, address, contact) for every page.

use koppel_app::domain::codes::{CodeList, Role};

tokio::task_local! {
    /// Who runs this installation (name, address, contact), for the header and footer of the
    /// page being rendered; set per request by [`with_service`].
    static SERVICE: koppel_app::context::Service;
}

/// Runs a request with the installation's service identity at hand for its pages.
pub async fn with_service(
    axum::extract::State(web): axum::extract::State<crate::Web>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    SERVICE
        .scope(web.ctx.settings.service.clone(), next.run(req))
        .await
}

/// The service's identity for the page being rendered (the default outside a request).
pub fn service() -> koppel_app::context::Service {
    SERVICE.try_with(Clone::clone).unwrap_or_default()
}

/// An absolute link to a path of koppel, for links sent outside (by e-mail, on paper): on the
/// configured public address, or else on the address this request came to.
pub fn absolute_link(headers: &axum::http::HeaderMap, path: &str) -> String {
    let configured = service().public_url;
    if !configured.is_empty() {
        return format!("{configured}{path}");
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{scheme}://{host}{path}")
}

/// "ja" or "nee".
pub fn yes_no(b: bool) -> String {
    if b {
        "ja".into()
    } else {
        "nee".into()
    }
}

/// An optional value, or a dash.
/// A skill by its label; one whose concept is no longer in the taxonomy is named as such,
/// never by its URI.
pub fn skill_name(label: Option<&str>) -> String {
    label.unwrap_or("onbekende vaardigheid").to_string()
}

pub fn or_dash(v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "–".into())
}

/// The Dutch label of a code, or the code itself.
pub fn label<T: CodeList>(code: &str) -> String {
    T::parse(code)
        .map(|c| c.label().to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// Languages as a form shows them, in Dutch: "Nederlands goed, Engels redelijk" (what cannot be
/// read stays as it was typed).
pub fn languages_for_form(list: &koppel_app::input::List) -> String {
    list.0
        .iter()
        .map(|l| {
            koppel_app::domain::language::LanguageSkill::parse(l)
                .map(|x| x.to_dutch())
                .unwrap_or_else(|_| l.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The hint under a languages field.
pub const LANGUAGES_HINT: &str =
    "Taal en niveau, gescheiden door komma's, bijvoorbeeld: Nederlands goed, Engels redelijk. Is het schriftelijk niveau anders, zet het erachter: Nederlands goed (schriftelijk redelijk).";

/// Languages stored as `nld:3,eng:2/1`, in Dutch: "Nederlands goed, Engels redelijk
/// (schriftelijk geen beheersing)".
pub fn languages(stored: &str) -> String {
    let list = koppel_app::domain::language::LanguageSkill::stored(stored);
    if list.is_empty() {
        return "–".into();
    }
    list.iter()
        .map(|l| l.to_dutch())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Dutch local date of a moment: `31-03-2025` (a moment just after midnight in the
/// Netherlands is still the day before in UTC).
pub fn local_date(t: chrono::DateTime<chrono::Utc>) -> String {
    koppel_app::domain::crm::utc_to_local(t)
        .format("%d-%m-%Y")
        .to_string()
}

pub use koppel_app::domain::values::euros;

/// A moment in Dutch local time: `31-03-2025 14:30`.
pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    koppel_app::domain::crm::utc_to_local(t)
        .format("%d-%m-%Y %H:%M")
        .to_string()
}

/// Time left before a deadline, in Dutch: `nog 5 u 20 min` or `3 u 10 min te laat`.
pub fn time_left(minutes: i64) -> String {
    let m = minutes.abs();
    let text = if m >= 60 {
        format!("{} u {} min", m / 60, m % 60)
    } else {
        format!("{m} min")
    };
    if minutes < 0 {
        format!("{text} te laat")
    } else {
        format!("nog {text}")
    }
}

pub fn role_label(code: &str) -> String {
    label::<Role>(code)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn amounts_are_written_the_dutch_way() {
        assert_eq!(euros(750_000), "€ 7.500,00");
        assert_eq!(euros(5), "€ 0,05");
        assert_eq!(euros(123_456_789), "€ 1.234.567,89");
        assert_eq!(euros(-1_250), "€ -12,50");
    }

    #[test]
    fn dates_are_the_dutch_day() {
        let late = chrono::DateTime::parse_from_rfc3339("2025-06-30T22:30:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(local_date(late), "01-07-2025");
        assert_eq!(local_time(late), "01-07-2025 00:30");
    }
}
