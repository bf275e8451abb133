//! Lays the measures out as documents: the factsheet, the quarterly evaluation (AGA, KetenMT) and
//! the half-yearly summary for the aldermen (RBA), each in a fixed order of sections.

use koppel_export::{Cell, Chart, ChartKind, Report, Section, Series, Table};

use super::period::dutch_date;
use super::{Breakdown, Factsheet, Period};

mod desk;
mod progress;

/// The fixed layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Factsheet,
    /// The quarterly evaluation with the policy advisers (AGA) and the chain management (KetenMT).
    Quarterly,
    /// The twice-yearly summary for the aldermen (RBA).
    Aldermen,
    /// The manager's start page: key figures and the targets.
    Dashboard,
}

impl Layout {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "factsheet" => Some(Self::Factsheet),
            "kwartaal" | "quarterly" => Some(Self::Quarterly),
            "rba" | "aldermen" => Some(Self::Aldermen),
            _ => None,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Factsheet => "Factsheet WerkgeversServicepunt",
            Self::Quarterly => "Kwartaalevaluatie AGA en KetenMT",
            Self::Aldermen => "Halfjaarsamenvatting voor het RBA",
            Self::Dashboard => "Kerncijfers van de regio",
        }
    }
}

struct Ctx<'a> {
    fs: &'a Factsheet,
}

impl Ctx<'_> {
    fn count(&self, v: Option<i64>) -> Cell {
        match (v, self.fs.suppressed_below) {
            (Some(n), _) => Cell::Int(n),
            (None, Some(t)) => Cell::Suppressed(t as u32),
            (None, None) => Cell::Missing,
        }
    }

    fn hidden_label(&self) -> String {
        match self.fs.suppressed_below {
            Some(t) => format!("verborgen (<{t})"),
            None => "–".into(),
        }
    }

    fn table(&self, name: &str, caption: &str, first: &str, b: &Breakdown) -> Table {
        let mut columns = vec![first.to_string()];
        columns.extend(b.columns.iter().map(|c| c.label.to_string()));
        Table {
            name: name.into(),
            caption: caption.into(),
            columns,
            rows: b
                .rows
                .iter()
                .map(|r| {
                    std::iter::once(Cell::text(r.label.clone()))
                        .chain(r.counts.iter().map(|c| self.count(*c)))
                        .collect()
                })
                .collect(),
        }
    }

    fn section(&self, heading: &str, chart: Option<Chart>, tables: Vec<Table>) -> Section {
        let empty = !self.fs.has_data;
        Section {
            heading: heading.into(),
            remark: empty.then(|| "Geen gegevens in deze periode.".to_string()),
            chart: if empty { None } else { chart },
            tables,
        }
    }

    fn key_figures(&self) -> Section {
        let mut t = self.table("kerncijfers", "Kerncijfers", "Maat", &self.fs.key_figures);
        let fs = self.fs;
        let mut extra = |label: &str, cell: Cell| t.rows.push(vec![Cell::text(label), cell]);
        extra(
            "Gemiddeld cijfer werkgeverstevredenheid",
            fs.satisfaction_mean
                .map(|m| Cell::Num(m, 1))
                .unwrap_or(Cell::Missing),
        );
        extra(
            "Mediane reactietijd contactverzoeken (minuten)",
            fs.median_response_minutes
                .map(Cell::Int)
                .unwrap_or(Cell::Missing),
        );
        extra(
            "Gemiddelde doorlooptijd vacature tot plaatsing (dagen)",
            fs.mean_days_to_fill
                .map(|d| Cell::Num(d, 1))
                .unwrap_or(Cell::Missing),
        );
        self.section("Kerncijfers", None, vec![t])
    }

    fn breakdowns(&self) -> Section {
        let fs = self.fs;
        let mut tables = vec![
            self.table(
                "plaatsingen-organisatie",
                "Plaatsingen per partnerorganisatie",
                "Organisatie",
                &fs.placements_by_organisation,
            ),
            self.table(
                "plaatsingen-gemeente",
                "Plaatsingen per woongemeente",
                "Gemeente",
                &fs.placements_by_municipality,
            ),
            self.table(
                "plaatsingen-subregio",
                "Plaatsingen per subregio",
                "Subregio",
                &fs.placements_by_subregion,
            ),
            self.table(
                "plaatsingen-cluster",
                "Plaatsingen per cluster",
                "Cluster",
                &fs.placements_by_cluster,
            ),
            self.table(
                "plaatsingen-sector",
                "Plaatsingen per sector",
                "Sector",
                &fs.placements_by_sector,
            ),
        ];
        if let Some(b) = &fs.placements_by_adviser {
            tables.push(self.table(
                "plaatsingen-medewerker",
                "Plaatsingen per medewerker (intern)",
                "Medewerker",
                b,
            ));
        }
        self.section("Plaatsingen uitgesplitst", None, tables)
    }

    fn sustainability(&self) -> Section {
        let fs = self.fs;
        let mut sustain = Breakdown::new(&[
            ("sustainableEligible", "6 maanden of langer geleden gestart"),
            ("sustainable", "Na 6 maanden nog aan het werk"),
        ]);
        for r in &fs.placements_by_target_group.rows {
            sustain.rows.push(super::Row {
                key: r.key.clone(),
                label: r.label.clone(),
                counts: r.counts[2..4].to_vec(),
            });
        }
        let mut t = self.table(
            "duurzaam",
            &format!(
                "Duurzame plaatsingen (beoordeeld op {})",
                dutch_date(fs.as_of)
            ),
            "Doelgroep",
            &sustain,
        );
        t.columns.push("Aandeel duurzaam".into());
        for row in &mut t.rows {
            let share = match (&row[1], &row[2]) {
                (Cell::Int(e), Cell::Int(s)) if *e > 0 => Cell::Pct(*s as f64 / *e as f64),
                _ => Cell::Missing,
            };
            row.push(share);
        }
        let care = self.table(
            "nazorg",
            "Uitkomsten van de nazorgcontacten",
            "Uitkomst",
            &fs.aftercare,
        );
        self.section("Duurzaamheid en nazorg", None, vec![t, care])
    }

    fn funnel(&self) -> Section {
        let fs = self.fs;
        let mut t = self.table(
            "voordrachten",
            "Trechter van de voordrachten in de periode",
            "Fase",
            &fs.funnel,
        );
        t.columns.push("Naar de volgende fase".into());
        t.columns.push("Gemiddeld dagen in fase".into());
        let reached: Vec<Option<i64>> = fs.funnel.rows.iter().map(|r| r.counts[0]).collect();
        for (i, row) in t.rows.iter_mut().enumerate() {
            let conv = match (
                reached.get(i).copied().flatten(),
                reached.get(i + 1).copied().flatten(),
            ) {
                (Some(a), Some(b)) if a > 0 => Cell::Pct(b as f64 / a as f64),
                _ => Cell::Missing,
            };
            row.push(conv);
            let days = fs.funnel_mean_days.get(i).and_then(|d| d.days);
            row.push(days.map(|d| Cell::Num(d, 1)).unwrap_or(Cell::Missing));
        }
        let outcomes = self.table(
            "voordrachten-uitkomst",
            "Hoe de voordrachten uit de periode nu staan",
            "Stand",
            &fs.nomination_outcomes,
        );
        self.section("Voordrachten", None, vec![t, outcomes])
    }

    fn employers(&self) -> Section {
        let fs = self.fs;
        let mut req = self.table(
            "contactverzoeken",
            "Contactverzoeken en reactietijd",
            "Contactverzoeken",
            &fs.contact_requests,
        );
        req.columns.push("Aandeel van ontvangen".into());
        let received = fs.contact_requests.get("received", "count");
        for (i, row) in req.rows.iter_mut().enumerate() {
            let share = match (received, fs.contact_requests.rows[i].counts[0]) {
                (Some(r), Some(n)) if r > 0 && i > 0 => Cell::Pct(n as f64 / r as f64),
                _ => Cell::Missing,
            };
            row.push(share);
        }
        let reached = self.table(
            "werkgevers-sector",
            "Werkgevers bereikt en nieuw, per sector",
            "Sector",
            &fs.employers_by_sector,
        );
        self.section("Werkgevers en contactverzoeken", None, vec![req, reached])
    }

    fn satisfaction(&self) -> Section {
        let fs = self.fs;
        let t = self.table(
            "tevredenheid",
            "Werkgeverstevredenheid: verdeling van de cijfers",
            "Cijfer",
            &fs.satisfaction,
        );
        let chart = Chart {
            title: "Verdeling van de cijfers".into(),
            kind: ChartKind::Bars,
            categories: fs
                .satisfaction
                .rows
                .iter()
                .map(|r| r.label.clone())
                .collect(),
            series: vec![Series {
                name: "Antwoorden".into(),
                values: fs
                    .satisfaction
                    .rows
                    .iter()
                    .map(|r| r.counts[0].map(|n| n as f64))
                    .collect(),
            }],
            missing_label: self.hidden_label(),
        };
        let mut s = self.section("Werkgeverstevredenheid", Some(chart), vec![t]);
        if fs.has_data {
            s.remark = Some(match fs.satisfaction_mean {
                Some(m) => format!(
                    "Gemiddeld cijfer {} over {} antwoorden.",
                    Cell::Num(m, 1).display(),
                    self.count(fs.key_figures.get("satisfaction_answers", "value"))
                        .display()
                ),
                None => "Te weinig antwoorden voor een gemiddelde.".into(),
            });
        }
        s
    }

    fn events(&self) -> Section {
        let t = self.table(
            "bijeenkomsten",
            "Bijeenkomsten, opkomst en wat eruit kwam",
            "Soort",
            &self.fs.events,
        );
        self.section("Werkgeversbijeenkomsten en activiteiten", None, vec![t])
    }

    fn vacancies(&self) -> Section {
        let t = self.table(
            "vacatures-sector",
            "Vacatures ingenomen en vervuld, per sector",
            "Sector",
            &self.fs.vacancies_by_sector,
        );
        self.section("Vacatures", None, vec![t])
    }

    fn people(&self) -> Section {
        let fs = self.fs;
        let t = self.table(
            "jobhunters-oekrainebalie",
            "Resultaten van jobhunters en de Oekraïnebalie",
            "Wie",
            &fs.jobhunters_and_desk,
        );
        let i = self.table(
            "instrumenten",
            "Inzet van instrumenten (praktijkroute, loonkostensubsidie, no-riskpolis...)",
            "Instrument",
            &fs.instruments,
        );
        let c = self.table(
            "kandidaten-aangemeld",
            "Kandidaten aangemeld, per doelgroep",
            "Doelgroep",
            &fs.candidates_registered,
        );
        self.section(
            "Jobhunters, Oekraïnebalie, instrumenten en kandidaten",
            None,
            vec![t, i, c],
        )
    }
}

/// The document of `layout` for the measures in `fs`.
pub fn report(layout: Layout, fs: &Factsheet) -> Report {
    let c = Ctx { fs };
    let period = Period {
        from: fs.from,
        to: fs.to,
    };
    let mut notes = vec![
        "Alle cijfers zijn geteld uit de registratie in koppel; niets is met de hand ingevoerd.".to_string(),
        "Doelen gelden per jaar; het doel van de periode is het deel van het jaardoel dat in de periode valt.".to_string(),
    ];
    if !fs.scope.is_empty() {
        notes.push(format!("Selectie: {}.", fs.scope.join("; ")));
    }
    if let Some(t) = fs.suppressed_below.filter(|t| *t > 1) {
        notes.push(format!(
            "Aantallen van 1 tot {t} zijn verborgen (<{t}), met zo nodig een tweede aantal, zodat niemand herkenbaar is."
        ));
    }
    if !fs.has_data {
        notes.push(
            "Er is in deze periode niets geregistreerd: deze rapportage bevat geen gegevens."
                .into(),
        );
    }
    let sections = match layout {
        Layout::Factsheet => vec![
            c.key_figures(),
            c.targets(),
            c.trend(),
            c.breakdowns(),
            c.sustainability(),
            c.funnel(),
            c.employers(),
            c.satisfaction(),
            c.vacancies(),
            c.events(),
            c.people(),
            c.desk(),
        ],
        Layout::Quarterly => vec![
            c.targets(),
            c.satisfaction(),
            c.events(),
            c.employers(),
            c.funnel(),
        ],
        Layout::Aldermen => vec![
            c.key_figures(),
            c.targets(),
            c.trend(),
            c.satisfaction(),
            c.events(),
        ],
        Layout::Dashboard => vec![c.key_figures(), c.targets()],
    };
    Report {
        title: layout.title().into(),
        subtitle: period.label(),
        notes,
        sections,
    }
}
