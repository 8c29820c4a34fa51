//! `linli handbook`: an anonymised Markdown summary of resolved disputes, grouped by the kind
//! of problem, for a community's notice board. Only counts, outcomes and an average appear:
//! no names, no ids, no one person's points.

use fluent_bundle::FluentValue;

use crate::domain::DisputeCategory;
use crate::i18n::{I18n, Locale};
use crate::store::disputes::{self, ResolvedDispute};
use crate::store::{Store, StoreResult};

/// The handbook of the community with group chat id `community_chat` (every community when
/// `None`), in `loc`, as of `today` (a date already formatted for the reader).
pub async fn render(
    store: &Store,
    i18n: &I18n,
    loc: Locale,
    community_chat: Option<i64>,
    today: &str,
) -> StoreResult<String> {
    let mut c = store.pool().acquire().await?;
    let (community_id, title) = match community_chat {
        Some(chat) => match crate::store::members::community_by_chat(&mut c, chat).await? {
            Some(g) => (Some(g.id), g.title),
            None => (Some(-1), chat.to_string()),
        },
        None => (None, i18n.t(loc, "handbook-all", &[])),
    };
    let rows = disputes::resolved(&mut c, community_id).await?;
    let t = |key: &str, args: &[(&str, FluentValue)]| i18n.t(loc, key, args);
    let mut out = vec![
        t("handbook-title", &[("community", title.clone().into())]),
        String::new(),
        t(
            "handbook-summary",
            &[
                ("date", today.to_string().into()),
                ("count", (rows.len() as i64).into()),
            ],
        ),
    ];
    if rows.is_empty() {
        out.push(String::new());
        out.push(t("handbook-none", &[]));
    }
    for cat in DisputeCategory::ALL {
        let these: Vec<&ResolvedDispute> =
            rows.iter().filter(|r| r.category == cat.as_str()).collect();
        if these.is_empty() {
            continue;
        }
        let count = |s: &str| these.iter().filter(|r| r.status == s).count() as i64;
        let paid: Vec<i64> = these
            .iter()
            .filter(|r| r.status == "compensated")
            .filter_map(|r| r.outcome_points)
            .collect();
        out.push(String::new());
        out.push(format!(
            "## {}",
            t(
                &format!("handbook-kind-{}", cat.as_str()),
                &[("count", (these.len() as i64).into())]
            )
        ));
        out.push(format!(
            "- {}",
            t(
                "handbook-outcomes",
                &[
                    ("compensated", count("compensated").into()),
                    ("refunded", count("refunded").into()),
                    ("dismissed", count("dismissed").into()),
                ]
            )
        ));
        // An average of one case would be that person's points: shown from two cases on.
        if paid.len() >= 2 {
            let avg = paid.iter().sum::<i64>() / paid.len() as i64;
            out.push(format!(
                "- {}",
                t("handbook-average", &[("points", avg.into())])
            ));
        }
        out.push(format!(
            "- {}",
            t(&format!("handbook-tip-{}", cat.as_str()), &[])
        ));
    }
    out.push(String::new());
    Ok(out.join("\n"))
}
