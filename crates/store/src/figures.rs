//! The facts behind the management information: aggregate queries over a period, never a name of a
//! candidate. Every query reads only columns that survive the retention purge.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Row;
use crate::filter::Filter;
use crate::{vals, StoreError, Tx, Val};

/// A period of whole days, `from` to `to` inclusive; `start` and `end` bound its instants (end exclusive).
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Which part of the region the figures cover; `None` means everything.
#[derive(Debug, Clone, Default)]
pub struct FigureScope {
    pub org_id: Option<i64>,
    /// The municipalities of a subregion (CBS codes).
    pub municipalities: Option<Vec<String>>,
    /// The sectors of a cluster.
    pub sectors: Option<Vec<String>>,
    pub cluster: Option<String>,
}

/// The columns a query can filter the scope on; `None` where a dimension does not apply.
#[derive(Default)]
struct Cols {
    org: Option<&'static str>,
    municipality: Option<&'static str>,
    sector: Option<&'static str>,
    cluster: Option<&'static str>,
}

impl Cols {
    /// A placement's organisation and municipality, its employer's sector.
    const PLACEMENT: Cols = Cols {
        org: Some("p.org_id"),
        municipality: Some("p.municipality_code"),
        sector: Some("e.sector"),
        cluster: None,
    };
    /// A nomination's organisation, its vacancy's employer's municipality and sector.
    const NOMINATION: Cols = Cols {
        org: Some("n.org_id"),
        municipality: Some("e.municipality_code"),
        sector: Some("e.sector"),
        cluster: None,
    };
    /// The employer's municipality and sector, and the organisation on `org` (if any).
    fn employer(org: Option<&'static str>) -> Cols {
        Cols {
            org,
            municipality: Some("e.municipality_code"),
            sector: Some("e.sector"),
            cluster: None,
        }
    }
}

/// Where a figure query finds its period: a date column (whole days, both ends included) or an
/// instant column (end excluded).
enum When {
    Dates(&'static str),
    Instants(&'static str),
}

/// One aggregate over a period: `select` (up to its joins), the period on `when`, one more
/// `condition`, the scope on `cols` (joining a nomination's vacancy and employer when the scope
/// needs them and `vacancy_join` says the query starts from nominations), then `tail` (grouping
/// and order). Every figure of the management information is one of these.
struct Figure {
    select: &'static str,
    when: When,
    condition: Option<&'static str>,
    cols: Cols,
    vacancy_join: bool,
    tail: &'static str,
}

impl Default for Figure {
    fn default() -> Self {
        Figure {
            select: "",
            when: When::Instants(""),
            condition: None,
            cols: Cols::default(),
            vacancy_join: false,
            tail: "",
        }
    }
}

impl Figure {
    async fn rows<T: Row>(
        self,
        tx: &mut Tx,
        span: &Span,
        scope: &FigureScope,
    ) -> Result<Vec<T>, StoreError> {
        let mut f = Filter::default();
        match self.when {
            When::Dates(column) => {
                f.add(&format!("{column} >= ?"), [Val::from(span.from)]);
                f.add(&format!("{column} <= ?"), [Val::from(span.to)]);
            }
            When::Instants(column) => {
                f.add(&format!("{column} >= ?"), [Val::from(span.start)]);
                f.add(&format!("{column} < ?"), [Val::from(span.end)]);
            }
        }
        if let Some(condition) = self.condition {
            f.add(condition, []);
        }
        scope.apply(&mut f, self.cols);
        let join = if self.vacancy_join {
            scope.vacancy_join()
        } else {
            ""
        };
        let sql = format!("{}{join}{}{}", self.select, f.where_sql(), self.tail);
        tx.fetch_all(&sql, &f.vals).await
    }
}

impl FigureScope {
    /// The join from a nomination to its vacancy's employer, only when the scope filters on it.
    fn vacancy_join(&self) -> &'static str {
        if self.municipalities.is_some() || self.sectors.is_some() {
            " JOIN vacancies v ON v.id = n.vacancy_id JOIN employers e ON e.id = v.employer_id"
        } else {
            ""
        }
    }

    fn apply(&self, f: &mut Filter, cols: Cols) {
        if let (Some(org), Some(col)) = (self.org_id, cols.org) {
            f.add(&format!("{col} = ?"), [org.into()]);
        }
        if let (Some(list), Some(col)) = (&self.municipalities, cols.municipality) {
            let refs: Vec<&str> = list.iter().map(String::as_str).collect();
            f.any_of(col, &refs);
        }
        if let (Some(list), Some(col)) = (&self.sectors, cols.sector) {
            let refs: Vec<&str> = list.iter().map(String::as_str).collect();
            f.any_of(col, &refs);
        }
        if let (Some(cluster), Some(col)) = (&self.cluster, cols.cluster) {
            f.add(&format!("{col} = ?"), [Val::from(cluster.as_str())]);
        }
    }
}

/// A placement as the figures see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlacementFact {
    pub start_date: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub target_group: String,
    pub org_id: i64,
    pub org_name: String,
    pub municipality_code: Option<String>,
    pub sector: String,
    pub placed_by: Option<i64>,
    pub placed_by_name: Option<String>,
    pub placed_by_role: Option<String>,
    pub benefit_outflow: bool,
    pub vacancy_id: Option<i64>,
    pub vacancy_created_at: Option<DateTime<Utc>>,
}

/// Placements that started in the period.
pub async fn placements(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<PlacementFact>, StoreError> {
    Figure {
        select: "SELECT p.start_date, p.ended_on, p.target_group, p.org_id, o.short_name AS org_name, p.municipality_code, e.sector, \
         p.placed_by, u.name AS placed_by_name, u.role AS placed_by_role, p.benefit_outflow, p.vacancy_id, v.created_at AS vacancy_created_at \
         FROM placements p JOIN employers e ON e.id = p.employer_id JOIN organisations o ON o.id = p.org_id \
         LEFT JOIN users u ON u.id = p.placed_by LEFT JOIN vacancies v ON v.id = p.vacancy_id",
        when: When::Dates("p.start_date"),
        cols: Cols::PLACEMENT,
        tail: " ORDER BY p.start_date, p.id",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Nominations made in the period, by the furthest stage they reached
/// (0 proposed, 1 interested, 2 interview, 3 offer, 4 placed), with their current state.
pub async fn nomination_reach(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(i64, String, i64)>, StoreError> {
    Figure {
        select: "SELECT r, state, COUNT(*) FROM (SELECT n.id, n.state, CAST(MAX(CASE s.state WHEN 'interested' THEN 1 WHEN 'interview' THEN 2 \
         WHEN 'offer' THEN 3 WHEN 'placed' THEN 4 ELSE 0 END) AS BIGINT) AS r FROM nominations n JOIN nomination_steps s ON s.nomination_id = n.id",
        when: When::Instants("n.created_at"),
        cols: Cols::NOMINATION,
        vacancy_join: true,
        tail: " GROUP BY n.id, n.state) t GROUP BY r, state ORDER BY r, state",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Per stage left: the number of moves out of it and the seconds spent in it in total, for
/// nominations made in the period.
pub async fn stage_times(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, i64, i64)>, StoreError> {
    Figure {
        select: "SELECT s.previous_state, COUNT(*), CAST(SUM(s.seconds_in_previous) AS BIGINT) FROM nomination_steps s \
         JOIN nominations n ON n.id = s.nomination_id",
        when: When::Instants("n.created_at"),
        condition: Some("s.seconds_in_previous IS NOT NULL"),
        cols: Cols::NOMINATION,
        vacancy_join: true,
        tail: " GROUP BY s.previous_state ORDER BY s.previous_state",
    }
    .rows(tx, span, scope)
    .await
}

/// Nominations made in the period per role of the one who proposed.
pub async fn nominations_by_role(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, i64)>, StoreError> {
    Figure {
        select: "SELECT u.role, COUNT(*) FROM nominations n JOIN users u ON u.id = n.proposed_by",
        when: When::Instants("n.created_at"),
        cols: Cols::NOMINATION,
        vacancy_join: true,
        tail: " GROUP BY u.role ORDER BY u.role",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// A contact request received in the period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestFact {
    pub deadline_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub response_minutes: Option<i64>,
}

pub async fn contact_requests(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<RequestFact>, StoreError> {
    Figure {
        select: "SELECT r.deadline_at, r.answered_at, r.response_minutes FROM contact_requests r \
         LEFT JOIN employers e ON e.id = r.employer_id LEFT JOIN users u ON u.id = r.assigned_to",
        when: When::Instants("r.received_at"),
        cols: Cols::employer(Some("u.org_id")),
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Satisfaction scores answered in the period: (score, number of answers).
pub async fn satisfaction(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Figure {
        select: "SELECT s.score, COUNT(*) FROM satisfaction_surveys s JOIN employers e ON e.id = s.employer_id",
        when: When::Instants("s.answered_at"),
        condition: Some("s.score IS NOT NULL"),
        cols: Cols::employer(None),
        tail: " GROUP BY s.score ORDER BY s.score",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Events in the period per kind: (kind, events, employers attended, candidates attended,
/// contact moments, vacancies and placements that came of them).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventFact {
    pub kind: String,
    pub events: i64,
    pub employers_attended: i64,
    pub candidates_attended: i64,
    pub contact_moments: i64,
    pub vacancies: i64,
    pub placements: i64,
}

pub async fn events(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<EventFact>, StoreError> {
    Figure {
        select: "SELECT ev.kind, COUNT(*) AS events, \
         CAST(COALESCE(SUM((SELECT COUNT(*) FROM event_participants p WHERE p.event_id = ev.id AND p.status = 'attended' AND p.employer_id IS NOT NULL)), 0) AS BIGINT) AS employers_attended, \
         CAST(COALESCE(SUM((SELECT COUNT(*) FROM event_participants p WHERE p.event_id = ev.id AND p.status = 'attended' AND p.candidate_id IS NOT NULL)), 0) AS BIGINT) AS candidates_attended, \
         CAST(COALESCE(SUM((SELECT COUNT(r.contact_moment_id) FROM event_results r WHERE r.event_id = ev.id)), 0) AS BIGINT) AS contact_moments, \
         CAST(COALESCE(SUM((SELECT COUNT(r.vacancy_id) FROM event_results r WHERE r.event_id = ev.id)), 0) AS BIGINT) AS vacancies, \
         CAST(COALESCE(SUM((SELECT COUNT(r.placement_id) FROM event_results r WHERE r.event_id = ev.id)), 0) AS BIGINT) AS placements \
         FROM events ev",
        when: When::Dates("ev.event_date"),
        cols: Cols {
            cluster: Some("ev.cluster"),
            ..Cols::default()
        },
        tail: " GROUP BY ev.kind ORDER BY ev.kind",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Instruments requested in the period: (instrument, status, number).
pub async fn instruments(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    Figure {
        select: "SELECT i.instrument, i.status, COUNT(*) FROM placement_instruments i JOIN placements p ON p.id = i.placement_id \
         JOIN employers e ON e.id = p.employer_id",
        when: When::Instants("i.created_at"),
        cols: Cols::PLACEMENT,
        tail: " GROUP BY i.instrument, i.status ORDER BY i.instrument, i.status",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// After-care contacts done in the period: (kind, outcome, number).
pub async fn aftercare(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    Figure {
        select: "SELECT t.kind, t.outcome, COUNT(*) FROM aftercare_tasks t JOIN placements p ON p.id = t.placement_id \
         JOIN employers e ON e.id = p.employer_id",
        when: When::Instants("t.done_at"),
        condition: Some("t.outcome IS NOT NULL"),
        cols: Cols::PLACEMENT,
        tail: " GROUP BY t.kind, t.outcome ORDER BY t.kind, t.outcome",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Employers with at least one contact moment in the period, per sector.
pub async fn employers_reached(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, i64)>, StoreError> {
    Figure {
        select: "SELECT e.sector, COUNT(DISTINCT cm.employer_id) FROM contact_moments cm JOIN employers e ON e.id = cm.employer_id \
         JOIN users u ON u.id = cm.user_id",
        when: When::Instants("cm.occurred_at"),
        cols: Cols::employer(Some("u.org_id")),
        tail: " GROUP BY e.sector ORDER BY e.sector",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Employers registered in the period (merged duplicates not counted), per sector.
pub async fn new_employers(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, i64)>, StoreError> {
    Figure {
        select: "SELECT e.sector, COUNT(*) FROM employers e",
        when: When::Instants("e.created_at"),
        condition: Some("e.merged_into IS NULL"),
        cols: Cols::employer(None),
        tail: " GROUP BY e.sector ORDER BY e.sector",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Vacancies taken in the period per sector: (sector, vacancies, positions).
pub async fn vacancies_taken(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, i64, i64)>, StoreError> {
    Figure {
        select: "SELECT e.sector, COUNT(*), CAST(SUM(v.positions) AS BIGINT) FROM vacancies v JOIN employers e ON e.id = v.employer_id",
        when: When::Instants("v.created_at"),
        cols: Cols::employer(None),
        tail: " GROUP BY e.sector ORDER BY e.sector",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Candidates registered in the period per target group (purged candidates keep their group).
pub async fn candidates_registered(
    tx: &mut Tx,
    span: &Span,
    scope: &FigureScope,
) -> Result<Vec<(String, i64)>, StoreError> {
    Figure {
        select: "SELECT c.target_group, COUNT(*) FROM candidates c",
        when: When::Instants("c.created_at"),
        cols: Cols {
            org: Some("c.org_id"),
            ..Cols::default()
        },
        tail: " GROUP BY c.target_group ORDER BY c.target_group",
        ..Figure::default()
    }
    .rows(tx, span, scope)
    .await
}

/// Whether anything the figures count happened in the period (placements, nominations, contacts, events).
pub async fn has_activity(tx: &mut Tx, span: &Span) -> Result<bool, StoreError> {
    let n = tx
        .scalar(
            "SELECT (SELECT COUNT(*) FROM placements WHERE start_date >= $1 AND start_date <= $2) + \
             (SELECT COUNT(*) FROM nominations WHERE created_at >= $3 AND created_at < $4) + \
             (SELECT COUNT(*) FROM contact_moments WHERE occurred_at >= $3 AND occurred_at < $4) + \
             (SELECT COUNT(*) FROM contact_requests WHERE received_at >= $3 AND received_at < $4) + \
             (SELECT COUNT(*) FROM events WHERE event_date >= $1 AND event_date <= $2)",
            &vals![span.from, span.to, span.start, span.end],
        )
        .await?;
    Ok(n > 0)
}

/// A user's own work in the period: (placements registered, nominations made, contact moments).
pub async fn own(tx: &mut Tx, span: &Span, user_id: i64) -> Result<(i64, i64, i64), StoreError> {
    let placed = tx
        .scalar(
            "SELECT COUNT(*) FROM placements WHERE placed_by = $1 AND start_date >= $2 AND start_date <= $3",
            &vals![user_id, span.from, span.to],
        )
        .await?;
    let nominated = tx
        .scalar(
            "SELECT COUNT(*) FROM nominations WHERE proposed_by = $1 AND created_at >= $2 AND created_at < $3",
            &vals![user_id, span.start, span.end],
        )
        .await?;
    let contacts = tx
        .scalar(
            "SELECT COUNT(*) FROM contact_moments WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3",
            &vals![user_id, span.start, span.end],
        )
        .await?;
    Ok((placed, nominated, contacts))
}
