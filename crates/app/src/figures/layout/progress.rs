//! The sections of a report about progress: the targets of the period against what was reached,
//! and the trend over the months.

use koppel_export::{Cell, Chart, ChartKind, Section, Series, Table};

use super::Ctx;

impl Ctx<'_> {
    pub(super) fn targets(&self) -> Section {
        let fs = self.fs;
        let b = &fs.placements_by_target_group;
        let mut rows = Vec::new();
        let mut actual = Vec::new();
        let mut target = Vec::new();
        let mut categories = Vec::new();
        for line in &fs.targets {
            let placed = b.get(&line.target_group, "placements");
            let outflow = b.get(&line.target_group, "benefitOutflow");
            let share = match (placed, line.for_period) {
                (Some(p), Some(t)) if t > 0 => Cell::Pct(p as f64 / t as f64),
                _ => Cell::Missing,
            };
            rows.push(vec![
                Cell::text(line.label.clone()),
                self.count(placed),
                line.for_period
                    .map(Cell::Int)
                    .unwrap_or_else(|| Cell::text("geen doel")),
                line.yearly
                    .map(Cell::Int)
                    .unwrap_or_else(|| Cell::text("geen doel")),
                share,
                self.count(outflow),
            ]);
            if line.for_period.is_some() || placed != Some(0) {
                categories.push(line.label.clone());
                actual.push(placed.map(|n| n as f64));
                target.push(line.for_period.map(|n| n as f64));
            }
        }
        let sum = |f: fn(&crate::figures::TargetLine) -> Option<i64>| {
            let known: Vec<i64> = fs.targets.iter().filter_map(f).collect();
            (!known.is_empty()).then(|| known.iter().sum::<i64>())
        };
        let total_target = sum(|t| t.for_period);
        let total_yearly = sum(|t| t.yearly);
        let placed_total = fs.key_figures.get("placements", "value");
        rows.push(vec![
            Cell::text("Totaal"),
            self.count(placed_total),
            total_target.map(Cell::Int).unwrap_or(Cell::Missing),
            total_yearly.map(Cell::Int).unwrap_or(Cell::Missing),
            match (placed_total, total_target) {
                (Some(p), Some(t)) if t > 0 => Cell::Pct(p as f64 / t as f64),
                _ => Cell::Missing,
            },
            self.count(fs.key_figures.get("benefit_outflow", "value")),
        ]);
        let table = Table {
            name: "plaatsingen-doelgroep".into(),
            caption: "Plaatsingen per doelgroep tegen het doel".into(),
            columns: [
                "Doelgroep",
                "Plaatsingen",
                "Doel periode",
                "Jaardoel",
                "Realisatie",
                "Uitstroom uit uitkering",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        };
        let chart = Chart {
            title: "Plaatsingen per doelgroep tegen het doel van de periode".into(),
            kind: ChartKind::Bars,
            categories,
            series: vec![
                Series {
                    name: "Plaatsingen".into(),
                    values: actual,
                },
                Series {
                    name: "Doel periode".into(),
                    values: target,
                },
            ],
            missing_label: "geen doel".into(),
        };
        self.section("Plaatsingen tegen het doel", Some(chart), vec![table])
    }

    pub(super) fn trend(&self) -> Section {
        let fs = self.fs;
        let months = &fs.placements_by_month;
        let monthly_target: Option<f64> = {
            let known: Vec<i64> = fs.targets.iter().filter_map(|t| t.yearly).collect();
            let yearly = (!known.is_empty()).then(|| known.iter().sum::<i64>());
            let years = (fs.to.format("%Y").to_string().parse::<i32>().unwrap_or(0)
                - fs.from.format("%Y").to_string().parse::<i32>().unwrap_or(0)
                + 1) as f64;
            yearly.map(|y| y as f64 / years / 12.0)
        };
        let mut table = self.table(
            "plaatsingen-maand",
            "Plaatsingen per maand",
            "Maand",
            months,
        );
        table.columns.push("Doel per maand".into());
        for row in &mut table.rows {
            row.push(
                monthly_target
                    .map(|t| Cell::Num(t, 1))
                    .unwrap_or(Cell::Missing),
            );
        }
        let chart = Chart {
            title: "Plaatsingen per maand".into(),
            kind: ChartKind::Line,
            categories: months.rows.iter().map(|r| r.label.clone()).collect(),
            series: vec![
                Series {
                    name: "Plaatsingen".into(),
                    values: months
                        .rows
                        .iter()
                        .map(|r| r.counts[0].map(|n| n as f64))
                        .collect(),
                },
                Series {
                    name: "Doel per maand".into(),
                    values: months.rows.iter().map(|_| monthly_target).collect(),
                },
            ],
            missing_label: self.hidden_label(),
        };
        self.section("Trend per maand", Some(chart), vec![table])
    }
}
