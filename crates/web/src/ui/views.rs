//! View models and templates of the UI: a few generic pages (list, detail, form) filled per resource.

use askama::Template;
use koppel_app::domain::codes::CodeList;
use koppel_app::domain::permissions::Permission;
use koppel_app::domain::FieldErrors;

use crate::extract::UiSession;

pub use super::format::*;

/// The header of every signed-in page.
pub struct Nav {
    pub user: String,
    pub role: String,
    pub org: String,
    pub csrf: String,
    pub can_candidates: bool,
    pub can_admin: bool,
    pub can_requests: bool,
    pub can_nominate: bool,
    /// A gids: the Werkcentrum's desk.
    pub can_desk: bool,
    /// The path of the current page.
    pub path: String,
}

impl Nav {
    /// Whether the menu item for `section` holds the current page (for `aria-current`).
    pub fn at(&self, section: &str) -> bool {
        if section == "/" {
            return self.path == "/";
        }
        self.path == section
            || self
                .path
                .strip_prefix(section)
                .is_some_and(|rest| rest.starts_with('/'))
            || (section == "/voordrachten" && self.path.starts_with("/plaatsingen"))
    }

    pub fn of(s: &UiSession) -> Self {
        Self {
            user: s.actor.name().to_string(),
            role: s.actor.role().label().to_string(),
            org: s.actor.org_name().to_string(),
            csrf: s.csrf.clone(),
            can_candidates: s.actor.can(Permission::ReadCandidates),
            can_admin: s.actor.can(Permission::ManageUsers),
            can_requests: s.actor.can(Permission::WriteEmployers),
            can_nominate: s.actor.can(Permission::WriteNominations),
            can_desk: s.actor.can(Permission::RecordConversations),
            path: s.path.clone(),
        }
    }
}

/// The hint under a skills field (without JavaScript it is a box with one skill per line).
const SKILLS_HINT: &str =
    "Eén vaardigheid per regel, met de naam uit ESCO of een synoniem, bijvoorbeeld: bestellingen verwerken";

/// One input of a form or filter bar.
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    /// `text`, `email`, `date`, `number`, `select`, `textarea` or `checkbox`.
    pub kind: &'static str,
    pub value: String,
    pub checked: bool,
    pub required: bool,
    pub hint: String,
    pub error: Option<String>,
    pub options: Vec<(String, String)>,
    /// The checked codes of a `checkboxes` field.
    pub selected: Vec<String>,
    /// The name typed or shown in a `pick` field (its `value` is the reference chosen).
    pub text: String,
    /// What a `pick` field chooses: the slug of its search (`werkgevers`, `beroepen`, ...).
    pub pick: &'static str,
}

impl Field {
    pub fn text(name: &'static str, label: &'static str, value: impl Into<String>) -> Self {
        Self {
            name,
            label,
            kind: "text",
            value: value.into(),
            checked: false,
            required: false,
            hint: String::new(),
            error: None,
            options: Vec::new(),
            selected: Vec::new(),
            text: String::new(),
            pick: "",
        }
    }
    /// A reference chosen by name: an employer, candidate, vacancy or occupation; `id` is the
    /// reference already chosen, if any (its name is filled in by `pick::name_picks`).
    pub fn pick(
        name: &'static str,
        label: &'static str,
        kind: koppel_app::picking::PickKind,
        id: impl Into<String>,
    ) -> Self {
        Self {
            pick: super::pick_kinds::slug(kind),
            hint: super::pick_kinds::hint(kind).into(),
            ..Self::text(name, label, id).kind("pick")
        }
    }
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
    /// The value a checkbox sends when checked (default `on`).
    pub fn with_value(mut self, value: &str) -> Self {
        self.value = value.to_string();
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
    /// Skills, one per line by name or ESCO synonym; with JavaScript they show as chips, added by
    /// choosing from `/kiezen/vaardigheden` and removed with a button each.
    pub fn skills(name: &'static str, label: &'static str, lines: impl Into<String>) -> Self {
        Self {
            pick: "vaardigheden",
            ..Self::text(name, label, lines)
                .kind("textarea")
                .hint(SKILLS_HINT)
        }
    }
    pub fn checkbox(name: &'static str, label: &'static str, checked: bool) -> Self {
        Self {
            checked,
            ..Self::text(name, label, "").kind("checkbox")
        }
    }
    /// The ids of the hint and the error that describe this input, for `aria-describedby`;
    /// `prefix` keeps ids unique when a page holds several forms.
    pub fn described_by(&self, prefix: &str) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{prefix}{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{prefix}{}-fout", self.name));
        }
        ids.join(" ")
    }
    pub fn hidden(name: &'static str, value: impl Into<String>) -> Self {
        Self::text(name, "", value).kind("hidden")
    }
    /// A group of checkboxes sharing one name.
    pub fn checkboxes(
        name: &'static str,
        label: &'static str,
        selected: Vec<String>,
        options: Vec<(String, String)>,
    ) -> Self {
        Self {
            options,
            selected,
            ..Self::text(name, label, "").kind("checkboxes")
        }
    }
    /// A select; `blank` adds an empty first option with that label.
    pub fn select(
        name: &'static str,
        label: &'static str,
        value: impl Into<String>,
        blank: Option<&str>,
        options: Vec<(String, String)>,
    ) -> Self {
        let mut all: Vec<(String, String)> = blank
            .map(|b| vec![(String::new(), b.to_string())])
            .unwrap_or_default();
        all.extend(options);
        Self {
            options: all,
            ..Self::text(name, label, value).kind("select")
        }
    }
}

/// The options of a code list.
pub fn options<T: CodeList>() -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|c| (c.code().to_string(), c.label().to_string()))
        .collect()
}

/// Puts each field's error next to it and returns the summary list.
pub fn attach_errors(fields: &mut [Field], errors: &FieldErrors) -> Vec<(String, String)> {
    for f in fields.iter_mut() {
        f.error = errors.message_for(f.name).map(str::to_string);
    }
    errors
        .0
        .iter()
        .map(|e| {
            (
                e.field.clone(),
                format!("{}: {}", label_of(fields, &e.field), e.message),
            )
        })
        .collect()
}

fn label_of(fields: &[Field], name: &str) -> String {
    fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.label.to_string())
        .unwrap_or_else(|| name.to_string())
}

/// A table cell, optionally a link, or a status shown as a data badge.
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
    pub badge: bool,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Self {
        Self {
            text: t.into(),
            href: None,
            badge: false,
        }
    }
    pub fn link(t: impl Into<String>, href: String) -> Self {
        Self {
            text: t.into(),
            href: Some(href),
            badge: false,
        }
    }
    /// A status (open, placed, attended ...) as a data badge.
    pub fn badge(t: impl Into<String>) -> Self {
        Self {
            badge: true,
            ..Self::text(t)
        }
    }
}

pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub empty: &'static str,
}

pub struct Section {
    pub title: String,
    pub table: Table,
}

#[derive(Template)]
#[template(path = "list.html")]
pub struct ListPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub new_href: Option<String>,
    pub new_label: &'static str,
    pub fields: Vec<Field>,
    pub table: Table,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Links to the other pages.
    pub paging: Paging,
    /// The table's column headers, with sort links where the list can be sorted by them.
    pub headers: Vec<Header>,
    /// The export address with the list's filters, ending in `&` (the format is added).
    pub export_href: Option<String>,
    /// Where to import rows into this list, for those who may.
    pub import_href: Option<String>,
}

/// Links to the pages of a list: previous, next, and the numbers around the current page.
#[derive(Default)]
pub struct Paging {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub numbers: Vec<PageLink>,
}

/// One page number; `href` is `None` for the current page, `gap` marks skipped pages before it.
pub struct PageLink {
    pub number: i64,
    pub href: Option<String>,
    pub gap: bool,
}

/// A column header of a list: a link that sorts by it, with its `aria-sort` when sorted.
pub struct Header {
    pub label: &'static str,
    pub href: Option<String>,
    /// `ascending` or `descending` when the list is sorted by this column.
    pub sort: Option<&'static str>,
}

impl Header {
    /// Plain headers for a list that cannot be sorted.
    pub fn plain(labels: &[&'static str]) -> Vec<Header> {
        labels
            .iter()
            .map(|label| Header {
                label,
                href: None,
                sort: None,
            })
            .collect()
    }
}

/// A small form shown on a detail page.
pub struct InlineForm {
    pub title: String,
    pub action: String,
    pub csrf: String,
    pub version: Option<i64>,
    pub fields: Vec<Field>,
    pub button: &'static str,
}

impl InlineForm {
    /// Whether the form's action is hard to undo (merging, archiving): its button is red, so it is
    /// never mistaken for "Opslaan".
    pub fn destructive(&self) -> bool {
        matches!(self.button, "Samenvoegen" | "Archiveren" | "Intrekken")
    }

    /// A prefix for the ids of this form's fields, so that two forms on one page (both with a
    /// "Notities" field, say) never share an id and every label points at its own field.
    pub fn id_prefix(&self) -> String {
        let mut hash: u32 = 2_166_136_261;
        for b in self.action.bytes().chain(self.title.bytes()) {
            hash = (hash ^ u32::from(b)).wrapping_mul(16_777_619);
        }
        format!("f{:06x}-", hash & 0xff_ffff)
    }
}

#[derive(Template)]
#[template(path = "detail.html")]
pub struct DetailPage {
    pub title: String,
    pub subtitle: String,
    pub nav: Option<Nav>,
    pub edit_href: Option<String>,
    /// Links to related actions, such as adding a contact person.
    pub actions: Vec<(&'static str, String)>,
    pub facts: Vec<(&'static str, String)>,
    /// Facts that are a set of names (skills), shown as chips after the other facts.
    pub chips: Vec<(&'static str, Vec<String>)>,
    pub sections: Vec<Section>,
    pub forms: Vec<InlineForm>,
}

impl FormPage {
    /// An empty form page posting to `action`, with `cancel_href` to go back.
    pub fn new(
        s: &UiSession,
        title: impl Into<String>,
        action: impl Into<String>,
        version: Option<i64>,
        fields: Vec<Field>,
        cancel_href: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            nav: Some(Nav::of(s)),
            action: action.into(),
            csrf: s.csrf.clone(),
            version,
            fields,
            summary: String::new(),
            errors: Vec::new(),
            cancel_href: cancel_href.into(),
            conflict_href: None,
            notice: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub action: String,
    pub csrf: String,
    pub version: Option<i64>,
    pub fields: Vec<Field>,
    pub summary: String,
    pub errors: Vec<(String, String)>,
    pub cancel_href: String,
    /// After a version conflict: where the other person's change can be seen.
    pub conflict_href: Option<String>,
    /// A neutral message above the form (not an error).
    pub notice: String,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub csrf: String,
    pub email: String,
    pub message: Option<String>,
}

#[derive(Template)]
#[template(path = "start.html")]
pub struct StartPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub greeting: String,
    /// One sentence on what this page holds for the user's role.
    pub lead: &'static str,
    /// The actions this role starts most, as (label, link).
    pub actions: Vec<(&'static str, &'static str)>,
    pub tiles: Vec<(&'static str, i64, &'static str)>,
    /// Figures above the worklist (managers and partners).
    pub figures_first: bool,
    /// The worklist: what to do today.
    pub sections: Vec<Section>,
    /// Key figures: the manager's region figures, or a user's own figures (with the period).
    pub figures: Option<super::report_view::ReportView>,
    /// The period and selection form of the manager's figures.
    pub filters: Option<super::report_view::FilterForm>,
    /// The query of the manager's filters, for the link to the full factsheet.
    pub figures_query: String,
}

/// A page that asks before something that is hard to undo; the form repeats what was sent
/// (`hidden`) with the confirmation.
#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub explanation: Vec<String>,
    pub action: String,
    pub csrf: String,
    pub hidden: Vec<(String, String)>,
    pub confirm_label: String,
    pub cancel_href: String,
}

/// One card on a board.
pub struct Card {
    pub name: String,
    pub href: String,
    pub note: String,
    pub stale: bool,
}

pub struct Column {
    pub label: String,
    pub cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "board.html")]
pub struct BoardPage {
    pub title: String,
    pub subtitle: String,
    pub nav: Option<Nav>,
    pub back_href: String,
    pub columns: Vec<Column>,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub message: String,
}
