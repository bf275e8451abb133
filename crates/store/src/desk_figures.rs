//! The Werkcentrum's desk in the management information: conversations, people helped,
//! referrals and trajectories in a period, for the whole region or one organisation.

use crate::figures::Span;
use crate::{StoreError, Tx, Val};

/// What the desk did in a period, counted.
#[derive(Debug, Clone, Default)]
pub struct DeskFacts {
    /// (channel, question, conversations).
    pub conversations: Vec<(String, String, i64)>,
    /// (location name, or none for phone and online; conversations).
    pub locations: Vec<(Option<String>, i64)>,
    /// The people helped: each registered resident once, each anonymous conversation as one.
    pub people: i64,
    /// (receiving organisation, status, referrals).
    pub referrals: Vec<(String, String, i64)>,
    /// (kind of trajectory, outcome, trajectories started).
    pub trajectories: Vec<(String, String, i64)>,
}

/// The period's condition on `column` (instants) and the organisation on `org_column`.
fn when(column: &str, org_column: &str, span: &Span, org: Option<i64>) -> (String, Vec<Val>) {
    let mut sql = format!(" WHERE {column} >= $1 AND {column} < $2");
    let mut vals = vec![Val::from(span.start), Val::from(span.end)];
    if let Some(o) = org {
        sql.push_str(&format!(" AND {org_column} = $3"));
        vals.push(o.into());
    }
    (sql, vals)
}

pub async fn desk(tx: &mut Tx, span: &Span, org: Option<i64>) -> Result<DeskFacts, StoreError> {
    let (c, cv) = when("c.occurred_at", "c.org_id", span, org);
    let conversations = tx
        .fetch_all(
            &format!("SELECT c.channel, c.question, COUNT(*) FROM desk_conversations c{c} GROUP BY c.channel, c.question"),
            &cv,
        )
        .await?;
    let locations = tx
        .fetch_all(
            &format!("SELECT l.name, COUNT(*) FROM desk_conversations c LEFT JOIN desk_locations l ON l.id = c.location_id{c} GROUP BY l.name ORDER BY l.name"),
            &cv,
        )
        .await?;
    let people = tx
        .scalar(
            &format!(
                "SELECT CAST(COUNT(DISTINCT c.resident_id) + COALESCE(SUM(CASE WHEN c.resident_id IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
                 FROM desk_conversations c{c}"
            ),
            &cv,
        )
        .await?;
    let (f, fv) = when("f.sent_at", "f.from_org_id", span, org);
    let referrals = tx
        .fetch_all(
            &format!("SELECT o.name, f.status, COUNT(*) FROM referrals f JOIN organisations o ON o.id = f.to_org_id{f} GROUP BY o.name, f.status ORDER BY o.name"),
            &fv,
        )
        .await?;
    let mut t = " WHERE t.start_date >= $1 AND t.start_date <= $2".to_string();
    let mut tv = vec![Val::from(span.from), Val::from(span.to)];
    if let Some(o) = org {
        t.push_str(" AND t.org_id = $3");
        tv.push(o.into());
    }
    let trajectories = tx
        .fetch_all(
            &format!("SELECT k.label, t.outcome, COUNT(*) FROM trajectories t JOIN trajectory_kinds k ON k.code = t.kind{t} GROUP BY k.label, t.outcome ORDER BY k.label"),
            &tv,
        )
        .await?;
    Ok(DeskFacts {
        conversations,
        locations,
        people,
        referrals,
        trajectories,
    })
}
