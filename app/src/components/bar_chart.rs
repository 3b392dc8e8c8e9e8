//! A horizontal bar chart drawn as SVG in the page itself (it needs no JavaScript and prints),
//! beside the table of its figures: the table is what screen readers and keyboards use, and
//! each of its lines links to the list behind the figure.

use domain::dashboard::chart::{self, BAR_HEIGHT};
use domain::{Currency, Money};
use leptos::prelude::*;

use crate::i18n::{I18n, use_i18n};

/// What a chart's values count, for its scale and how they read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Amounts in minor units of the currency.
    Money(Currency),
    Minutes,
    Count,
}

impl Measure {
    /// The smallest step of the scale: a whole unit of money, a whole hour, one.
    fn unit(self) -> i64 {
        match self {
            Self::Money(currency) => 10_i64.pow(currency.minor_digits()),
            Self::Minutes => 60,
            Self::Count => 1,
        }
    }

    pub fn text(self, i18n: &I18n, value: i64) -> String {
        match self {
            Self::Money(currency) => i18n.money(Money::new(value, currency)),
            Self::Minutes => i18n.duration(u32::try_from(value.max(0)).unwrap_or(u32::MAX)),
            Self::Count => i18n.integer(value),
        }
    }

    /// A tick of the axis: amounts without their cents (ticks are whole units).
    fn tick(self, i18n: &I18n, value: i64) -> String {
        match self {
            Self::Money(currency) => i18n.money_whole(Money::new(value, currency)),
            _ => self.text(i18n, value),
        }
    }
}

/// One bar: what it stands for, its value and the list behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub href: Option<String>,
}

#[component]
pub fn BarChart(
    /// Unique on the page: names the chart's title for the figure.
    id: &'static str,
    title: String,
    measure: Measure,
    /// The table's first column heading (what the bars stand for).
    label_heading: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let i18n = use_i18n();
    let values: Vec<i64> = bars.iter().map(|b| b.value).collect();
    let layout = chart::layout(&values, measure.unit());
    let title_id = format!("chart-{id}");
    let axis_y = layout.axis_y;
    let ticks = layout
        .ticks
        .iter()
        .map(|(x, value)| {
            view! {
                <line class="chart-grid" x1=*x x2=*x y1=0 y2=axis_y />
                <text class="chart-tick" x=*x y=axis_y + 18.0 text-anchor="middle">{measure.tick(&i18n, *value)}</text>
            }
        })
        .collect_view();
    let drawn = bars
        .iter()
        .zip(&layout.bars)
        .map(|(bar, place)| {
            let middle = place.y + f64::from(BAR_HEIGHT) / 2.0 + 5.0;
            let shape = view! {
                <text class="chart-label" x=layout.plot_x - 8.0 y=middle text-anchor="end">
                    <title>{bar.label.clone()}</title>
                    {chart::fit_label(&bar.label)}
                </text>
                <rect class="chart-bar" x=layout.plot_x y=place.y width=place.length.max(1.0) height=BAR_HEIGHT rx=3 />
                <text class="chart-value" x=layout.plot_x + place.length + 6.0 y=middle>{measure.text(&i18n, bar.value)}</text>
            };
            match &bar.href {
                // Pointer users click the bar; keyboards and screen readers use the table's link.
                Some(href) => view! { <a href=href.clone() tabindex="-1">{shape}</a> }.into_any(),
                None => shape.into_any(),
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .map(|bar| {
            let label = match bar.href {
                Some(href) => view! { <a href=href>{bar.label}</a> }.into_any(),
                None => bar.label.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{measure.text(&i18n, bar.value)}</td>
                </tr>
            }
        })
        .collect_view();
    let labelled_by = title_id.clone();
    view! {
        <figure class="chart" aria-labelledby=labelled_by>
            <figcaption id=title_id>{title}</figcaption>
            <svg
                class="bar-chart"
                viewBox=format!("0 0 {} {}", layout.width, layout.height)
                aria-hidden="true"
                focusable="false"
            >
                <line class="chart-axis" x1=layout.plot_x x2=layout.plot_x + layout.plot_width y1=axis_y y2=axis_y />
                {ticks}
                {drawn}
            </svg>
            <table class="data chart-data">
                <thead>
                    <tr>
                        <th scope="col">{label_heading}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-value")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}
