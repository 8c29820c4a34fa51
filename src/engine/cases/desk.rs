//! The social workers' desk: `/stats` (统计) — a community's figures for a period, as text and
//! a chart; `/export` (导出) — CSV files of its listings, hand-overs, ledger, events and
//! attendance; `/audit` (操作记录) — the latest worker actions with who, what, whom and why.
//! Asked in the workers' chat, the answer goes there; asked privately, privately. A worker
//! sees only the communities they serve.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::engine::kernel::ctx::{Ctx, Escalation};
use crate::engine::kernel::{Engine, Flow, Refusal};
use crate::i18n::Locale;
use crate::store::desk::{self, Cell, Stats};
use crate::store::members::{self, Community};
use crate::store::{files, StoreError, Tx};

/// A period of whole days, [from, to), and how to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    /// The first day after the period.
    pub to: NaiveDate,
}

impl Period {
    /// The last day of the period.
    pub fn last(&self) -> NaiveDate {
        self.to - Duration::days(1)
    }
}

/// The period a worker's words name, and the words left (a community's name): 本周 / this
/// week, 上周 / last week, 本月 / this month (the default), 上月 / last month, 今年 / this
/// year, 最近N天 / last N days, or two dates (2026-11-01 2026-11-30, both days included).
pub fn period_of(args: &str, today: NaiveDate) -> Option<(Period, String)> {
    let words: Vec<&str> = args
        .split(|c: char| c.is_whitespace() || c == '至' || c == '到')
        .filter(|w| !w.is_empty() && *w != "-" && *w != "..")
        .collect();
    let dates: Vec<NaiveDate> = words
        .iter()
        .filter_map(|w| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok())
        .collect();
    let month_start = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let tomorrow = today + Duration::days(1);
    let mut rest = Vec::new();
    let mut period = None;
    let joined = words.join(" ").to_lowercase();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        let p = match lw.as_str() {
            "本周" | "这周" | "week" => Some((monday, tomorrow)),
            "上周" => Some((monday - Duration::days(7), monday)),
            "本月" | "这个月" | "month" => Some((month_start(today), tomorrow)),
            "上月" | "上个月" => {
                let start = month_start(month_start(today) - Duration::days(1));
                Some((start, month_start(today)))
            }
            "今年" | "year" => NaiveDate::from_ymd_opt(today.year(), 1, 1).map(|d| (d, tomorrow)),
            _ => None,
        };
        if let Some(p) = p {
            // "last week" / "last month" in English.
            let last = i > 0 && words[i - 1].eq_ignore_ascii_case("last");
            period = Some(match (last, lw.as_str()) {
                (true, "week") => (monday - Duration::days(7), monday),
                (true, "month") => {
                    let start = month_start(month_start(today) - Duration::days(1));
                    (start, month_start(today))
                }
                _ => p,
            });
            continue;
        }
        let days = lw
            .strip_prefix("最近")
            .or(Some(lw.as_str()))
            .and_then(|x| x.strip_suffix('天').or(x.strip_suffix('d')))
            .and_then(|n| n.parse::<i64>().ok());
        if let Some(n) = days.filter(|n| (1..=3660).contains(n)) {
            period = Some((tomorrow - Duration::days(n), tomorrow));
            continue;
        }
        if dates.iter().any(|d| d.format("%Y-%m-%d").to_string() == *w)
            || ["this", "last", "days", "the"].contains(&lw.as_str())
        {
            continue;
        }
        rest.push(*w);
    }
    if let Some(n) = joined
        .strip_prefix("last ")
        .and_then(|x| x.strip_suffix(" days"))
        .and_then(|n| n.parse::<i64>().ok())
    {
        period = Some((tomorrow - Duration::days(n), tomorrow));
        rest.retain(|w| w.parse::<i64>().is_err());
    }
    let (from, to) = match (dates.as_slice(), period) {
        ([a, b], _) if a <= b => (*a, *b + Duration::days(1)),
        ([_, _], _) | ([_, _, _, ..], _) => return None,
        ([a], _) => (*a, tomorrow.max(*a + Duration::days(1))),
        ([], Some(p)) => p,
        ([], None) => (month_start(today), tomorrow),
    };
    Some((Period { from, to }, rest.join(" ")))
}

/// The communities a desk command is about: the one(s) of the workers' chat it was asked in,
/// else those the worker serves; narrowed to those whose name contains `name`.
pub async fn chosen(cx: &mut Ctx<'_>, here: Option<i64>, name: &str) -> Flow<Vec<Community>> {
    let all = members::all_communities(&mut cx.tx).await?;
    // In a workers' chat, its communities; always only those the sender serves.
    let candidates = match here {
        Some(chat) => all
            .into_iter()
            .filter(|c| {
                cx.engine
                    .cfg
                    .community(c.chat_id)
                    .and_then(|k| k.workers_chat_id)
                    == Some(chat)
            })
            .collect(),
        None => all,
    };
    let mut mine = cx.served(candidates).await?;
    if mine.is_empty() {
        return Err(cx.not_worker_refusal().await?.into());
    }
    let name = name.trim();
    if !name.is_empty() {
        mine.retain(|c| c.title.contains(name));
        if mine.is_empty() {
            return Err(Refusal::new("err-desk-community")
                .arg("name", name.to_string())
                .into());
        }
    }
    Ok(mine)
}

fn today(cx: &Ctx<'_>) -> NaiveDate {
    chrono::DateTime::from_timestamp(cx.now, 0)
        .unwrap_or_default()
        .with_timezone(&cx.engine.cfg.timezone())
        .date_naive()
}

/// The Unix seconds a period spans, in the community time zone.
fn bounds(engine: &Engine, p: &Period) -> (i64, i64) {
    let midnight = NaiveTime::MIN;
    (
        engine.local_ts(p.from, midnight),
        engine.local_ts(p.to, midnight),
    )
}

fn period_words(p: &Period) -> String {
    format!(
        "{} – {}",
        p.from.format("%Y-%m-%d"),
        p.last().format("%Y-%m-%d")
    )
}

/// A community's name as part of a file name.
fn file_safe(title: &str) -> String {
    title
        .chars()
        .map(|ch| {
            if ch.is_alphanumeric() || ch == '-' {
                ch
            } else {
                '_'
            }
        })
        .collect()
}

/// Where a desk answer goes: the workers' chat it was asked in, or the worker privately.
fn answer_chat(cx: &Ctx<'_>, here: Option<i64>) -> i64 {
    here.unwrap_or(cx.me.id)
}

/// `/stats [period] [community]`: each chosen community's figures, and a chart of them.
pub async fn stats(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let (period, name) = period_of(args, today(cx)).ok_or(Refusal::new("err-desk-period"))?;
    let communities = chosen(cx, here, &name).await?;
    let loc = here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat));
    let (from, to) = bounds(cx.engine, &period);
    for c in communities {
        let s = desk::stats(&mut cx.tx, c.id, from, to, &named_workers(cx.engine, &c)).await?;
        let text = stats_text(cx.engine, loc, &c, &period, &s);
        let photo = chart(cx, loc, &c, &period, &s).await?;
        let chat = answer_chat(cx, here);
        cx.send_files(chat, text, vec![photo], Vec::new()).await?;
    }
    Ok(())
}

/// The social workers `bot.toml` names for a community.
fn named_workers(engine: &Engine, c: &Community) -> Vec<i64> {
    engine
        .cfg
        .community(c.chat_id)
        .map(|k| k.workers.clone())
        .unwrap_or_default()
}

/// The weekly digest: each community's 7 days before the digest was due (`due`: a digest sent
/// late after downtime still covers its own week, so no day falls between two), with its
/// chart, to its workers' chat or its workers privately. A community with no social worker
/// gets none.
pub async fn digest(cx: &mut Ctx<'_>, due: i64) -> Flow {
    let to = chrono::DateTime::from_timestamp(due, 0)
        .unwrap_or_default()
        .with_timezone(&cx.engine.cfg.timezone())
        .date_naive();
    let period = Period {
        from: to - Duration::days(7),
        to,
    };
    let (from_ts, to_ts) = bounds(cx.engine, &period);
    for c in members::all_communities(&mut cx.tx).await? {
        let (chat, workers) = match cx.escalation(&c).await? {
            Escalation::WorkersChat(chat) => (Some(chat), Vec::new()),
            Escalation::Workers(ws) => (None, ws),
            Escalation::GroupAdmins(_) | Escalation::Nobody => continue,
        };
        let named = named_workers(cx.engine, &c);
        let s = desk::stats(&mut cx.tx, c.id, from_ts, to_ts, &named).await?;
        // One chart per language.
        let mut drawn: Vec<(Locale, String)> = Vec::new();
        let said = |cx: &mut Ctx<'_>, loc: Locale| {
            format!(
                "{}\n{}",
                cx.t(loc, "digest-title", &[]),
                stats_text(cx.engine, loc, &c, &period, &s)
            )
        };
        if let Some(chat) = chat {
            let loc = cx.engine.group_locale(chat);
            let text = said(cx, loc);
            let photo = chart(cx, loc, &c, &period, &s).await?;
            cx.send_files(chat, text, vec![photo], Vec::new()).await?;
        }
        for w in workers {
            let loc = cx.locale_of(&w);
            let photo = match drawn.iter().find(|(l, _)| *l == loc) {
                Some((_, p)) => p.clone(),
                None => {
                    let p = chart(cx, loc, &c, &period, &s).await?;
                    drawn.push((loc, p.clone()));
                    p
                }
            };
            let text = said(cx, loc);
            cx.notify_photos(&w, text, Vec::new(), vec![photo], Some(c.chat_id))
                .await?;
        }
    }
    Ok(())
}

/// The figures as a few lines of text.
pub fn stats_text(engine: &Engine, loc: Locale, c: &Community, p: &Period, s: &Stats) -> String {
    let args = vec![
        ("community", c.title.clone().into()),
        ("period", period_words(p).into()),
        ("residents", s.residents.into()),
        ("new", s.new_residents.into()),
        ("active", s.active_residents.into()),
        (
            "offers",
            (s.offers_item + s.offers_service + s.offers_skill).into(),
        ),
        ("offers_item", s.offers_item.into()),
        ("offers_service", s.offers_service.into()),
        ("offers_skill", s.offers_skill.into()),
        (
            "requests",
            (s.requests_item + s.requests_service + s.requests_skill).into(),
        ),
        ("requests_item", s.requests_item.into()),
        ("requests_service", s.requests_service.into()),
        ("requests_skill", s.requests_skill.into()),
        ("handovers", s.handovers.into()),
        ("loans", s.loans.into()),
        ("moved", s.points_moved.into()),
        ("issued", s.points_issued.into()),
        ("pool", s.pool.into()),
        ("reports_opened", s.reports_opened.into()),
        ("reports_settled", s.reports_settled.into()),
        ("reports_open", s.reports_open.into()),
        ("disputes_opened", s.disputes_opened.into()),
        ("disputes_settled", s.disputes_settled.into()),
        ("disputes_open", s.disputes_open.into()),
        (
            "dispute_hours",
            s.dispute_hours
                .map_or("—".to_string(), |h| h.to_string())
                .into(),
        ),
        ("events", s.events.into()),
        ("signed_up", s.signed_up.into()),
        ("checked_in", s.checked_in.into()),
    ];
    engine.tv(loc, "stats-text", &args)
}

/// The chart of a community's figures, kept as a file; its photo id.
async fn chart(
    cx: &mut Ctx<'_>,
    loc: Locale,
    c: &Community,
    p: &Period,
    s: &Stats,
) -> Flow<String> {
    let (bars, title, y) = {
        let label = |key: &str| cx.t(loc, key, &[]);
        let bars = vec![
            (
                label("chart-offers"),
                s.offers_item + s.offers_service + s.offers_skill,
            ),
            (
                label("chart-requests"),
                s.requests_item + s.requests_service + s.requests_skill,
            ),
            (label("chart-handovers"), s.handovers),
            (label("chart-loans"), s.loans),
            (label("chart-new"), s.new_residents),
            (label("chart-active"), s.active_residents),
            (label("chart-checked-in"), s.checked_in),
        ];
        let title = cx.t(
            loc,
            "chart-title",
            &[
                ("community", c.title.clone().into()),
                // Plain characters only: the chart font has GB2312 and ASCII.
                ("period", period_words(p).replace('–', "~").into()),
            ],
        );
        (bars, title, label("chart-count"))
    };
    let png = crate::chart::bars_png(&title, &y, &bars).map_err(StoreError::Corrupt)?;
    let name = format!(
        "{}-stats-{}-{}.png",
        file_safe(&c.title),
        p.from.format("%Y%m%d"),
        p.last().format("%Y%m%d")
    );
    let id = files::put(&mut cx.tx, &name, "image/png", &png, cx.now).await?;
    Ok(format!("file:{id}"))
}

/// The CSV files of a community's period: (file name, bytes), one per table of
/// [`desk::EXPORTS`]. Times are in the community time zone.
pub async fn csv_files(
    engine: &Engine,
    tx: &mut Tx,
    c: &Community,
    p: &Period,
) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    let (from, to) = bounds(engine, p);
    let mut out = Vec::new();
    for table in desk::EXPORTS {
        let (header, rows) = desk::export_rows(tx, table, c.id, from, to).await?;
        let bytes = csv_bytes(engine, &header, rows)?;
        let name = format!(
            "{}-{table}-{}-{}.csv",
            file_safe(&c.title),
            p.from.format("%Y%m%d"),
            p.last().format("%Y%m%d")
        );
        out.push((name, bytes));
    }
    Ok(out)
}

/// A CSV file: a byte-order mark (spreadsheets then read the Chinese as UTF-8), the header,
/// the rows; times in the community time zone, the bot's reasons in words, and a cell a
/// spreadsheet would run as a formula kept as text.
pub fn csv_bytes(
    engine: &Engine,
    header: &[&str],
    rows: Vec<Vec<Cell>>,
) -> Result<Vec<u8>, StoreError> {
    let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let bad = |e: csv::Error| StoreError::Corrupt(e.to_string());
    w.write_record(header).map_err(bad)?;
    for r in rows {
        let cells: Vec<String> = r
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(t) if t.starts_with("memo-") => {
                    engine.t(engine.default_locale, &t, &[("title", t.clone().into())])
                }
                Cell::Text(t) if t.starts_with(['=', '+', '-', '@']) => format!("'{t}"),
                Cell::Text(t) => t,
                Cell::Num(n) => n.to_string(),
                Cell::At(Some(at)) => engine.local_fmt(at, "%Y-%m-%d %H:%M"),
                Cell::At(None) => String::new(),
            })
            .collect();
        w.write_record(&cells).map_err(bad)?;
    }
    w.into_inner()
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// `/export [period] [community]`: the CSV files of each chosen community, as documents.
pub async fn export(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let (period, name) = period_of(args, today(cx)).ok_or(Refusal::new("err-desk-period"))?;
    let communities = chosen(cx, here, &name).await?;
    let loc = here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat));
    for c in communities {
        let mut docs = Vec::new();
        for (file, bytes) in csv_files(cx.engine, &mut cx.tx, &c, &period).await? {
            docs.push(files::put(&mut cx.tx, &file, "text/csv", &bytes, cx.now).await?);
        }
        let text = cx.t(
            loc,
            "export-sent",
            &[
                ("community", c.title.clone().into()),
                ("period", period_words(&period).into()),
                ("count", (docs.len() as i64).into()),
            ],
        );
        let chat = answer_chat(cx, here);
        cx.send_files(chat, text, Vec::new(), docs).await?;
    }
    Ok(())
}

/// Most audit lines shown at once.
const AUDIT_MAX: i64 = 50;

/// `/audit [N]`: the latest N (20) worker actions in the communities served.
pub async fn audit(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let n = args
        .split_whitespace()
        .find_map(|w| w.parse::<i64>().ok())
        .unwrap_or(20)
        .clamp(1, AUDIT_MAX);
    let name: String = args
        .split_whitespace()
        .filter(|w| w.parse::<i64>().is_err())
        .collect::<Vec<_>>()
        .join(" ");
    let communities = chosen(cx, here, &name).await?;
    let ids: Vec<i64> = communities.iter().map(|c| c.id).collect();
    let lines = desk::audit_lines(&mut cx.tx, &ids, n).await?;
    let loc = here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat));
    let mut out = vec![cx.t(
        loc,
        "audit-title",
        &[("count", (lines.len() as i64).into())],
    )];
    if lines.is_empty() {
        out.push(cx.t(loc, "audit-none", &[]));
    }
    for l in lines {
        let key = format!("audit-{}", l.action);
        let what = if cx.engine.i18n.has(loc, &key) {
            cx.t(loc, &key, &[])
        } else {
            l.action.clone()
        };
        let points = match l.amount {
            Some(a) => cx.t(loc, "audit-points", &[("points", a.into())]),
            None => String::new(),
        };
        out.push(cx.t(
            loc,
            "audit-line",
            &[
                ("at", cx.engine.local_fmt(l.at, "%m-%d %H:%M").into()),
                ("who", l.actor.into()),
                ("what", what.into()),
                ("whom", l.target.unwrap_or_else(|| "—".into()).into()),
                ("points", points.into()),
                ("why", l.reason.into()),
                ("community", l.community.into()),
            ],
        ));
    }
    let chat = answer_chat(cx, here);
    cx.send_files(chat, out.join("\n"), Vec::new(), Vec::new())
        .await?;
    Ok(())
}

/// Days in one window of hot needs.
const WINDOW_DAYS: i64 = 30;
/// Past windows the forecast is tested on.
const BACKTEST: usize = 6;

/// Demand per window, oldest first, and the forecast of the next one: the mean of the last
/// two windows. Its error is measured by forecasting each of the last `BACKTEST` windows from
/// the two before it: (forecast, mean absolute error, windows tested).
pub fn forecast(counts: &[i64]) -> (f64, Option<(f64, usize)>) {
    let mean2 = |w: &[i64]| match w {
        [.., a, b] => (*a + *b) as f64 / 2.0,
        [a] => *a as f64,
        [] => 0.0,
    };
    let next = mean2(counts);
    let mut errors = Vec::new();
    for k in (2..counts.len()).rev().take(BACKTEST) {
        errors.push((mean2(&counts[..k]) - counts[k] as f64).abs());
    }
    let err = (!errors.is_empty()).then(|| {
        (
            errors.iter().sum::<f64>() / errors.len() as f64,
            errors.len(),
        )
    });
    (next, err)
}

/// One group of similar needs: a name, the titles in it, and counts now and before.
struct Need {
    name: String,
    titles: Vec<(String, i64)>,
    now: i64,
    before: i64,
}

/// `/needs` (热门需求): what was asked for and not found in the last 30 days, by category and
/// similar titles, against the 30 days before (↑ ↓), and the next 30 days' forecast with
/// its backtest error.
pub async fn needs(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let communities = chosen(cx, here, args).await?;
    let loc = here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat));
    let window = WINDOW_DAYS * 86_400;
    let windows = BACKTEST as i64 + 2;
    for c in communities {
        let since = cx.now - windows * window;
        let rows = desk::unmet_requests(&mut cx.tx, c.id, since).await?;
        // Per window, oldest first; the last is the 30 days up to now.
        let mut counts = vec![0i64; windows as usize];
        for (_, _, at) in &rows {
            let k = ((cx.now - at) / window).clamp(0, windows - 1);
            counts[(windows - 1 - k) as usize] += 1;
        }
        let recent = |at: i64| at >= cx.now - window;
        let before = |at: i64| at < cx.now - window && at >= cx.now - 2 * window;
        // Categories, then similar titles within each.
        let mut cats: Vec<Need> = Vec::new();
        for (title, category, at) in rows.iter().filter(|r| recent(r.2) || before(r.2)) {
            let name = category
                .as_deref()
                .map(|k| cx.t(loc, &format!("cat-{k}"), &[]))
                .unwrap_or_else(|| cx.t(loc, "needs-other", &[]));
            let i = match cats.iter().position(|n| n.name == name) {
                Some(i) => i,
                None => {
                    cats.push(Need {
                        name,
                        titles: Vec::new(),
                        now: 0,
                        before: 0,
                    });
                    cats.len() - 1
                }
            };
            let n = &mut cats[i];
            if recent(*at) {
                n.now += 1;
                let lex = &cx.engine.lexicon;
                let similar = n.titles.iter_mut().find(|(t, _)| {
                    crate::parse::match_score(t, title, lex) >= 0.5
                        || crate::parse::match_score(title, t, lex) >= 0.5
                });
                match similar {
                    Some((_, k)) => *k += 1,
                    None => n.titles.push((title.clone(), 1)),
                }
            } else {
                n.before += 1;
            }
        }
        cats.retain(|n| n.now > 0);
        cats.sort_by(|a, b| b.now.cmp(&a.now).then(a.name.cmp(&b.name)));
        let mut lines = vec![cx.t(loc, "needs-title", &[("community", c.title.clone().into())])];
        if cats.is_empty() {
            lines.push(cx.t(loc, "needs-none", &[]));
        }
        for (i, n) in cats.iter_mut().take(8).enumerate() {
            n.titles.sort_by_key(|t| std::cmp::Reverse(t.1));
            let titles: Vec<String> = n
                .titles
                .iter()
                .take(4)
                .map(|(t, k)| format!("{t} {k}"))
                .collect();
            let arrow = match n.now.cmp(&n.before) {
                std::cmp::Ordering::Greater => "↑",
                std::cmp::Ordering::Less => "↓",
                std::cmp::Ordering::Equal => "→",
            };
            lines.push(cx.t(
                loc,
                "needs-line",
                &[
                    ("n", (i as i64 + 1).into()),
                    ("category", n.name.clone().into()),
                    ("count", n.now.into()),
                    ("arrow", arrow.into()),
                    ("before", n.before.into()),
                    ("titles", titles.join("、").into()),
                ],
            ));
        }
        let (next, err) = forecast(&counts);
        lines.push(match err {
            Some((mae, tested)) => cx.t(
                loc,
                "needs-forecast",
                &[
                    ("next", (next.round() as i64).into()),
                    ("error", format!("{mae:.1}").into()),
                    ("windows", (tested as i64).into()),
                ],
            ),
            None => cx.t(
                loc,
                "needs-forecast-short",
                &[("next", (next.round() as i64).into())],
            ),
        });
        let chat = answer_chat(cx, here);
        cx.send_files(chat, lines.join("\n"), Vec::new(), Vec::new())
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_in_both_languages() {
        let today = d("2026-12-02"); // a Wednesday
        let p = |a: &str| period_of(a, today).map(|(p, rest)| (p.from, p.last(), rest));
        let ok = |a: &str, b: &str, r: &str| Some((d(a), d(b), r.to_string()));
        assert_eq!(p(""), ok("2026-12-01", "2026-12-02", ""));
        assert_eq!(p("本周"), ok("2026-11-30", "2026-12-02", ""));
        assert_eq!(p("上周 幸福里"), ok("2026-11-23", "2026-11-29", "幸福里"));
        assert_eq!(p("上月"), ok("2026-11-01", "2026-11-30", ""));
        assert_eq!(p("last month"), ok("2026-11-01", "2026-11-30", ""));
        assert_eq!(p("this week"), ok("2026-11-30", "2026-12-02", ""));
        assert_eq!(p("最近7天"), ok("2026-11-26", "2026-12-02", ""));
        assert_eq!(p("last 30 days"), ok("2026-11-03", "2026-12-02", ""));
        assert_eq!(
            p("2026-11-01 至 2026-11-15 阳光苑"),
            ok("2026-11-01", "2026-11-15", "阳光苑")
        );
        assert_eq!(p("2026-11-15 2026-11-01"), None);
    }

    #[test]
    fn the_forecast_says_its_own_error() {
        // Too little history: a forecast, no error.
        assert_eq!(forecast(&[4, 6]), (5.0, None));
        // Steady demand: no error.
        assert_eq!(forecast(&[5, 5, 5, 5]), (5.0, Some((0.0, 2))));
        // 2,4 → 3 vs 6 (3 off); 4,6 → 5 vs 8 (3 off): mean error 3 on two windows.
        assert_eq!(forecast(&[2, 4, 6, 8]), (7.0, Some((3.0, 2))));
    }
}
