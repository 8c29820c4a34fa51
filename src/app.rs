//! Putting the parts together: configuration → store → engine.

use std::path::Path;
use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::engine::Engine;
use crate::i18n::{I18n, Locale};
use crate::parse::Lexicon;
use crate::store::Store;

/// Options that differ between transports.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Overrides `bot.default_locale`.
    pub locale: Option<Locale>,
    /// The console's residents can always be written to privately.
    pub assume_dm_open: bool,
    pub bot_username: Option<String>,
}

/// Opens the store (applying migrations) and builds the engine.
pub async fn build_engine(
    cfg: Config,
    clock: Arc<dyn Clock>,
    opts: EngineOptions,
) -> anyhow::Result<Engine> {
    let store = Store::open(&cfg.database)
        .await
        .map_err(|e| anyhow::anyhow!("database {}: {e}", redact(&cfg.database.url)))?;
    let locales = Path::new(&cfg.bot.locales_dir);
    let i18n = I18n::load(locales)?;
    // The parser's words are read at start-up too, so a social worker can add one without a rebuild.
    let lexicon = if locales.is_dir() {
        Lexicon::from_dir(locales)?
    } else {
        Lexicon::builtin()
    };
    // Every flow is checked now, its message keys against every locale: a broken file stops
    // start-up with one line naming the file, the step and the fault.
    let dialogs = crate::dialog::Dialogs::load(Path::new(&cfg.dialogs.dir), Some(&i18n))?;
    let engine = Engine {
        store,
        dialogs: Arc::new(dialogs),
        default_locale: opts.locale.unwrap_or_else(|| cfg.default_locale()),
        cfg: Arc::new(cfg),
        i18n: Arc::new(i18n),
        lexicon: Arc::new(lexicon),
        clock,
        assume_dm_open: opts.assume_dm_open,
        bot_username: opts.bot_username,
        group: Default::default(),
    };
    let indexed = engine.index_unindexed().await?;
    if indexed > 0 {
        tracing::info!("search terms given to {indexed} listings made before search existed");
    }
    Ok(engine)
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}
