//! The change feed partners poll to stay in sync: employers and vacancies in the order they last
//! changed, with an opaque position to continue from.

use chrono::{DateTime, SecondsFormat, Utc};
use koppel_domain::permissions::Permission;
use koppel_domain::FieldErrors;
use koppel_store::changes::{self, Change};
use serde::Serialize;

use crate::{Actor, AppContext, AppError};

const KINDS: [&str; 2] = ["employer", "vacancy"];

/// A page of changes; `next` is the position to ask for the following ones.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangePage {
    pub items: Vec<Change>,
    pub next: String,
}

/// A position in the feed: after this change time, kind and id.
#[derive(Debug, Clone, PartialEq)]
struct Position {
    at: DateTime<Utc>,
    kind: String,
    id: i64,
}

impl Position {
    fn encode(&self) -> String {
        format!(
            "{}~{}~{}",
            self.at.to_rfc3339_opts(SecondsFormat::Nanos, true),
            self.kind,
            self.id
        )
    }

    /// A position from `next`, or a plain time (RFC 3339): everything changed after it.
    fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('~');
        let at = DateTime::parse_from_rfc3339(parts.next()?.trim())
            .ok()?
            .with_timezone(&Utc);
        match (parts.next(), parts.next()) {
            (None, None) => Some(Self {
                at,
                kind: "~".into(),
                id: i64::MAX,
            }),
            (Some(kind), Some(id)) if KINDS.contains(&kind) => Some(Self {
                at,
                kind: kind.into(),
                id: id.parse().ok()?,
            }),
            _ => None,
        }
    }
}

/// Up to `limit` (1 to 500) changes after `since` (a `next` value or an RFC 3339 time; empty: from the start).
pub async fn since(
    ctx: &AppContext,
    actor: &Actor,
    since: &str,
    limit: i64,
) -> Result<ChangePage, AppError> {
    actor.require(Permission::ReadEmployers)?;
    let start = if since.trim().is_empty() {
        Some(Position {
            at: DateTime::<Utc>::UNIX_EPOCH,
            kind: String::new(),
            id: i64::MIN,
        })
    } else {
        Position::parse(since)
    };
    let Some(start) = start else {
        let mut e = FieldErrors::new();
        e.push("since", "invalid_position", "Geef een waarde van 'next' uit een eerder antwoord, of een tijdstip zoals 2025-01-01T00:00:00Z.");
        return Err(AppError::Invalid(e));
    };
    let limit = limit.clamp(1, 500);
    let mut tx = ctx.store.begin().await?;
    let mut items = Vec::new();
    for kind in KINDS {
        // After (at, kind, id) in the feed's order: the same time counts only for later kinds or ids.
        let id = match kind.cmp(start.kind.as_str()) {
            std::cmp::Ordering::Greater => i64::MIN,
            std::cmp::Ordering::Equal => start.id,
            std::cmp::Ordering::Less => i64::MAX,
        };
        items.extend(changes::after(&mut tx, kind, start.at, id, limit).await?);
    }
    tx.commit().await?;
    items.sort_by(|a, b| (a.changed_at, &a.kind, a.id).cmp(&(b.changed_at, &b.kind, b.id)));
    items.truncate(limit as usize);
    let next = match items.last() {
        Some(c) => Position {
            at: c.changed_at,
            kind: c.kind.clone(),
            id: c.id,
        }
        .encode(),
        None if since.trim().is_empty() => String::new(),
        None => start.encode(),
    };
    Ok(ChangePage { items, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip() {
        let p = Position {
            at: Utc::now(),
            kind: "vacancy".into(),
            id: 42,
        };
        assert_eq!(Position::parse(&p.encode()), Some(p));
        assert!(Position::parse("2025-01-01T00:00:00Z").is_some());
        assert!(Position::parse("gisteren").is_none());
        assert!(Position::parse("2025-01-01T00:00:00Z~person~1").is_none());
    }
}
