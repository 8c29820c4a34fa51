//! The numbered main menu (from `dialogs/menu.toml`) and help: what a lost resident is shown.

use super::super::kernel::ctx::Ctx;
use super::super::kernel::Flow;
use crate::domain::Action;
use crate::store::listings::CallbackTarget;

/// Shows the numbered main menu, after `before` if given: as big keys in simple mode, else as
/// buttons under the message.
pub async fn show_menu(cx: &mut Ctx<'_>, before: Option<String>) -> Flow {
    let loc = cx.my_locale();
    let mut lines: Vec<String> = before.into_iter().collect();
    lines.push(cx.t(loc, &cx.engine.dialogs.menu.title.clone(), &[]));
    if cx.me.simple {
        let keys = cx.menu_keys(loc);
        return cx.reply(lines.join("\n"), keys).await;
    }
    let items = cx.engine.dialogs.menu.items.clone();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = format!("{} {}", i + 1, cx.t(loc, &item.label, &[]));
        lines.push(label.clone());
        let target = CallbackTarget::mine(Action::Menu, cx.me.id, (i + 1).to_string());
        row.push(cx.button(label, &target).await?);
        if row.len() == 3 {
            rows.push(std::mem::take(&mut row));
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    cx.reply(lines.join("\n"), rows).await
}

/// Help in private: the whole text, or in simple mode a short one with the menu.
pub async fn help(cx: &mut Ctx<'_>) -> Flow {
    if cx.me.simple {
        let text = cx.t(cx.my_locale(), "help-simple-text", &[]);
        return show_menu(cx, Some(text)).await;
    }
    let mut text = cx.t(cx.my_locale(), "help-text", &[]);
    if cx.is_staff_anywhere().await? {
        // A social worker also sees their own commands.
        text.push_str("\n\n");
        text.push_str(&cx.t(cx.my_locale(), "help-worker-text", &[]));
    }
    cx.reply(text, Vec::new()).await
}
