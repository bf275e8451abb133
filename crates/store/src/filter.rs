//! A small WHERE-clause builder: clauses use `?` for values, numbered `$1..` in the order added.

use crate::Val;
use koppel_domain::permissions::{CandidateScope, ScopeKind};

#[derive(Default)]
pub(crate) struct Filter {
    clauses: Vec<String>,
    pub(crate) vals: Vec<Val>,
}

impl Filter {
    /// Adds a clause; each `?` in it takes the next value.
    pub(crate) fn add(&mut self, clause: &str, vals: impl IntoIterator<Item = Val>) {
        let mut out = String::with_capacity(clause.len() + 8);
        let mut it = vals.into_iter();
        for ch in clause.chars() {
            if ch == '?' {
                if let Some(v) = it.next() {
                    self.vals.push(v);
                    out.push_str(&format!("${}", self.vals.len()));
                    continue;
                }
            }
            out.push(ch);
        }
        self.clauses.push(out);
    }

    /// A case-insensitive search over one or more columns: every word of the term must occur
    /// in one of them, so "Jan Jansen" or "Bakkerij Jansen (Haarlem)" finds what a person means.
    pub(crate) fn search(&mut self, columns: &[&str], term: Option<&str>) {
        let Some(term) = term else {
            return;
        };
        for word in term.split_whitespace() {
            let word = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .replace(['%', '_'], "");
            if word.is_empty() {
                continue;
            }
            let like = format!("%{word}%");
            let ors: Vec<String> = columns
                .iter()
                .map(|c| format!("lower({c}) LIKE ?"))
                .collect();
            let vals: Vec<Val> = columns.iter().map(|_| Val::from(like.clone())).collect();
            self.add(&format!("({})", ors.join(" OR ")), vals);
        }
    }

    /// ` ORDER BY ...` for a list's sort key (`naam`, or `-naam` for descending) among the
    /// `allowed` (key, column) pairs; `default` when the key is absent or unknown. Rows that tie
    /// are ordered by `id`, so paging is stable.
    pub(crate) fn order_by(
        sort: Option<&str>,
        allowed: &[(&str, &str)],
        default: &str,
        id: &str,
    ) -> String {
        let key = sort.unwrap_or_default().trim();
        let (name, direction) = match key.strip_prefix('-') {
            Some(k) => (k, "DESC"),
            None => (key, "ASC"),
        };
        match allowed.iter().find(|(k, _)| *k == name) {
            Some((_, column)) => format!(" ORDER BY {column} {direction}, {id} {direction}"),
            None => format!(" ORDER BY {default}, {id}"),
        }
    }

    /// Restricts candidate rows (alias `c`) to those the scope allows.
    pub(crate) fn candidate_scope(&mut self, scope: CandidateScope) {
        match scope.kind() {
            ScopeKind::Nothing => self.add("1 = 0", []),
            ScopeKind::Own { org_id } => self.add("c.org_id = ?", [org_id.into()]),
            ScopeKind::OwnAndShared { org_id } => self.add(
                "(c.org_id = ? OR c.consent_wsp = ?)",
                vec![org_id.into(), true.into()],
            ),
        }
    }

    /// An IN list; an empty list matches nothing.
    pub(crate) fn any_of<T: Copy + Into<Val>>(&mut self, column: &str, values: &[T]) {
        if values.is_empty() {
            self.add("1 = 0", []);
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.add(
            &format!("{column} IN ({marks})"),
            values.iter().map(|v| (*v).into()),
        );
    }

    pub(crate) fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// ` LIMIT $n OFFSET $m` with the window's values appended.
    pub(crate) fn limit_sql(&mut self, page: crate::Page) -> String {
        self.vals.push(page.limit.into());
        self.vals.push(page.offset.into());
        format!(
            " LIMIT ${} OFFSET ${}",
            self.vals.len() - 1,
            self.vals.len()
        )
    }
}
