//! What each dashboard shows: its key figures, each linking to the list behind it, then its
//! charts.

use domain::dashboard::views::{Finance, Operations, Platform};
use domain::format::iso_day;
use domain::{Money, Severity};
use leptos::prelude::*;

use crate::components::bar_chart::{Bar, BarChart, Measure};
use crate::i18n::I18n;

/// The list a figure opens.
fn to(path: &str) -> Option<String> {
    Some(path.to_owned())
}

/// A key figure: its value, what it is, and the list it opens.
fn figure(name: &'static str, value: String, label: String, note: Option<String>, href: Option<String>) -> AnyView {
    let inner = view! {
        <span class="figure-value">{value}</span>
        <span class="figure-label">{label}</span>
        {note.map(|n| view! { <span class="figure-note">{n}</span> })}
    };
    match href {
        Some(href) => view! { <a class="figure" href=href data-figure=name>{inner}</a> }.into_any(),
        None => view! { <div class="figure" data-figure=name>{inner}</div> }.into_any(),
    }
}

pub fn operations(i18n: &I18n, o: Operations) -> impl IntoView {
    let money = |minor| i18n.money(Money::new(minor, o.currency));
    let week = iso_day(o.week_monday);
    let team_week = format!("/missions/time/team?week={week}");
    let wait = o.longest_wait_minutes.map(|m| {
        i18n.t_args("dashboard-longest-wait", &[("time", i18n.duration(u32::try_from(m).unwrap_or(u32::MAX)))])
    });
    let figures = view! {
        <div class="figures">
            {figure("stock-value", money(o.stock_value_minor()), i18n.t("dashboard-stock-value"), None, to("/stock/valuation"))}
            {figure("critical", i18n.integer(o.critical()), i18n.t("dashboard-critical"), None, to("/stock/alerts"))}
            {figure("low", i18n.integer(o.low()), i18n.t("dashboard-low"), None, to("/stock/alerts"))}
            {figure("missions-open", i18n.integer(o.missions_open()), i18n.t("dashboard-missions-open"), None, to("/missions"))}
            {figure("emergencies", i18n.integer(o.emergencies_waiting), i18n.t("dashboard-emergencies"), wait, to("/"))}
            {figure("week-hours", i18n.duration(u32::try_from(o.week_minutes()).unwrap_or(u32::MAX)), i18n.t("dashboard-week-hours"), None, Some(team_week.clone()))}
        </div>
    };
    let sites = o
        .sites
        .iter()
        .map(|s| Bar { label: s.name.clone(), value: s.value_minor, href: Some(format!("/stock/sites/{}", s.id)) })
        .collect::<Vec<_>>();
    let missions = o
        .missions
        .iter()
        .map(|(state, n)| Bar {
            label: i18n.t(state.label_key()),
            value: *n,
            href: Some(format!("/missions?state={}", state.as_str())),
        })
        .collect::<Vec<_>>();
    let hours = o
        .hours
        .iter()
        .map(|h| Bar { label: h.name.clone(), value: h.minutes, href: Some(team_week.clone()) })
        .collect::<Vec<_>>();
    view! {
        {figures}
        <div class="charts">
            {chart_or_empty(i18n, "sites", i18n.t("dashboard-chart-sites"), Measure::Money(o.currency), i18n.t("dashboard-site"), sites, "dashboard-no-sites")}
            <BarChart id="missions" title=i18n.t("dashboard-chart-missions") measure=Measure::Count label_heading=i18n.t("dashboard-state") bars=missions />
            {chart_or_empty(
                i18n,
                "hours",
                i18n.t_args("dashboard-chart-hours", &[("from", i18n.day(o.week_monday))]),
                Measure::Minutes,
                i18n.t("dashboard-technician"),
                hours,
                "dashboard-no-technicians",
            )}
        </div>
    }
}

/// A chart, or a plain sentence when it would have no bar at all.
fn chart_or_empty(
    i18n: &I18n,
    id: &'static str,
    title: String,
    measure: Measure,
    label_heading: String,
    bars: Vec<Bar>,
    empty_key: &'static str,
) -> AnyView {
    if bars.is_empty() {
        let (heading, labelled_by) = (format!("chart-{id}"), format!("chart-{id}"));
        view! {
            <section class="chart" aria-labelledby=labelled_by>
                <h2 class="chart-title" id=heading>{title}</h2>
                <p class="empty">{i18n.t(empty_key)}</p>
            </section>
        }
        .into_any()
    } else {
        view! { <BarChart id title measure label_heading bars /> }.into_any()
    }
}

pub fn finance(i18n: &I18n, f: Finance) -> impl IntoView {
    let money = |minor| i18n.money(Money::new(minor, f.currency));
    let invoices = |n| i18n.t_count("dashboard-invoices", n);
    let figures = view! {
        <div class="figures">
            {figure("invoiced-this-month", money(f.this_month.net_minor), i18n.t("dashboard-invoiced-this-month"), Some(invoices(f.this_month.invoices)), Some(f.this_month.span.invoices_href()))}
            {figure("invoiced-last-month", money(f.last_month.net_minor), i18n.t("dashboard-invoiced-last-month"), Some(invoices(f.last_month.invoices)), Some(f.last_month.span.invoices_href()))}
            {figure("receivable", money(f.receivable_minor()), i18n.t("dashboard-receivable"), None, to("#chart-receivables"))}
            {figure("overdue", money(f.overdue_minor), i18n.t("dashboard-overdue"), Some(invoices(f.overdue_invoices)), to("/invoices?status=overdue"))}
            {figure("collected", money(f.collected_minor), i18n.t("dashboard-collected"), Some(i18n.t_count("dashboard-payments", f.payments)), None)}
        </div>
    };
    let months = vec![
        Bar {
            label: i18n.t_args("dashboard-month-to-date", &[("month", i18n.month(f.this_month.span.first))]),
            value: f.this_month.net_minor,
            href: Some(f.this_month.span.invoices_href()),
        },
        Bar {
            label: i18n.month(f.last_month.span.first),
            value: f.last_month.net_minor,
            href: Some(f.last_month.span.invoices_href()),
        },
    ];
    let ages = f
        .receivables
        .iter()
        .map(|r| Bar {
            label: i18n.t(r.bucket.label_key()),
            value: r.due_minor,
            href: Some(r.bucket.invoices_href(f.today)),
        })
        .collect::<Vec<_>>();
    view! {
        {figures}
        <div class="charts">
            <BarChart id="invoiced" title=i18n.t("dashboard-chart-invoiced") measure=Measure::Money(f.currency) label_heading=i18n.t("dashboard-period") bars=months />
            <BarChart id="receivables" title=i18n.t("dashboard-chart-receivables") measure=Measure::Money(f.currency) label_heading=i18n.t("dashboard-age") bars=ages />
        </div>
        <p class="hint">{i18n.t("dashboard-finance-note")}</p>
    }
}

fn severity_bars(i18n: &I18n, counts: &[(Severity, i64)], href: &str) -> Vec<Bar> {
    counts.iter().map(|(s, n)| Bar { label: i18n.t(s.label_key()), value: *n, href: Some(href.to_owned()) }).collect()
}

pub fn platform(i18n: &I18n, p: Platform) -> impl IntoView {
    let open: i64 = p.alerts_open.iter().map(|(_, n)| n).sum();
    let events: i64 = p.security_events.iter().map(|(_, n)| n).sum();
    let figures = view! {
        <div class="figures">
            {figure("alerts-open", i18n.integer(open), i18n.t("dashboard-alerts-open"), None, to("/alerts"))}
            {figure("security-events", i18n.integer(events), i18n.t("dashboard-security-events"), None, to("/stock/anomalies"))}
            {figure("sign-in-failures", i18n.integer(p.sign_in_failures), i18n.t("dashboard-sign-in-failures"), None, to("/settings/audit?kind=login-failed"))}
            {figure("locked-accounts", i18n.integer(p.locked_accounts), i18n.t("dashboard-locked-accounts"), None, to("/settings/users"))}
        </div>
    };
    let flags = p
        .flags
        .iter()
        .map(|(flag, on)| {
            let (class, key) =
                if *on { ("badge badge-ok", "dashboard-flag-on") } else { ("badge badge-muted", "dashboard-flag-off") };
            view! {
                <tr data-flag=flag.name()>
                    <th scope="row">{i18n.t(flag.label_key())}</th>
                    <td><code>{flag.name()}</code></td>
                    <td><span class=class>{i18n.t(key)}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {figures}
        <div class="charts">
            <BarChart id="alerts" title=i18n.t("dashboard-chart-alerts") measure=Measure::Count label_heading=i18n.t("dashboard-severity") bars=severity_bars(i18n, &p.alerts_open, "/alerts") />
            <BarChart id="security" title=i18n.t("dashboard-chart-security") measure=Measure::Count label_heading=i18n.t("dashboard-severity") bars=severity_bars(i18n, &p.security_events, "/stock/anomalies") />
        </div>
        <section class="panel" aria-labelledby="flags-title">
            <h2 id="flags-title">{i18n.t("dashboard-flags")}</h2>
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("dashboard-feature")}</th>
                        <th scope="col">{i18n.t("dashboard-flag-name")}</th>
                        <th scope="col">{i18n.t("dashboard-flag-state")}</th>
                    </tr>
                </thead>
                <tbody>{flags}</tbody>
            </table>
            <p class="note">{i18n.t("dashboard-flags-note")}</p>
        </section>
    }
}
