//! `certa serve`: the reference record service (native only). Browsers post completion
//! records; the service verifies each against the full package (re-assembles the form from the
//! seed and re-scores), stores it idempotently by attempt id in SQLite, and exports it as xAPI,
//! SCORM 2004, an LTI AGS score and an Open Badges 3.0 credential. It also issues secure
//! attempts (id and seed chosen here), serves packages to browsers (secure ones only as their
//! key-stripped delivery copy), and, for the demo, the static `www/` and `pkg/` directories.
//!
//! - [`app`]: shared state and routes; `api_*`: the endpoints.
//! - [`intake`]: what a posted record must satisfy; [`body`]: request limits and JSON parsing.
//! - [`store`]: the [`RecordStore`](store::RecordStore) trait; [`sqlite`]: its SQLite form.
//! - [`registry`]: packages by id and version; [`static_files`], [`gradebook`] (CSV),
//!   [`signing`] (Ed25519 JWT VC), [`ids`] (UUID v4 and seeds), [`json_depth`], [`error`].
//!
//! ```no_run
//! # async fn run() -> Result<(), certa::server::ServeError> {
//! let config = certa::server::ServeConfig::new("examples".into(), "target/certa.db".into());
//! let (state, _notes) = certa::server::open(&config)?;
//! let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(certa::server::ServeError::Bind)?;
//! certa::server::serve(listener, state, std::future::pending()).await.map_err(certa::server::ServeError::Bind)
//! # }
//! ```

pub mod api_attempts;
pub mod api_exports;
pub mod api_packages;
pub mod api_records;
pub mod app;
pub mod body;
pub mod error;
pub mod gradebook;
pub mod ids;
pub mod intake;
pub mod json_depth;
pub mod registry;
pub mod signing;
pub mod sqlite;
pub mod static_files;
pub mod store;

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

pub use app::{router, AppState};
pub use body::Limits;

/// How to run the service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServeConfig {
    /// Directory of `certa/1` package files, registered at start-up.
    pub packages_dir: PathBuf,
    /// SQLite database file (created when absent).
    pub db_path: PathBuf,
    /// Where to listen; 127.0.0.1:8080 by default.
    pub addr: SocketAddr,
    /// Root whose `www/` and `pkg/` are served (the demo); `None` serves no static files.
    pub www_root: Option<PathBuf>,
    /// Ed25519 key that signs badges.
    pub signing_key: Option<PathBuf>,
    /// Public base URL of the service (`https://lms.example.org/certa`): activity IRIs,
    /// account home page and badge issuer are under it.
    pub public_url: Option<String>,
    /// Name of the badge issuer.
    pub issuer_name: String,
    /// Salt of hashed learner identities in badges; without one, learners with an e-mail
    /// address get no badge (the exporter will not publish a bare address).
    pub identity_salt: Option<String>,
    pub limits: Limits,
    /// The most pages (4 KiB each) the database may hold (`PRAGMA max_page_count`): a storage
    /// quota. Past it, posts are answered 503 `storage_full` and nothing is stored.
    pub max_db_pages: Option<u64>,
}

impl ServeConfig {
    /// Defaults: 127.0.0.1:8080, no static files, no signing key, default limits.
    pub fn new(packages_dir: PathBuf, db_path: PathBuf) -> ServeConfig {
        ServeConfig {
            packages_dir,
            db_path,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 8080)),
            www_root: None,
            signing_key: None,
            public_url: None,
            issuer_name: "certa record service".into(),
            identity_salt: None,
            limits: Limits::default(),
            max_db_pages: None,
        }
    }
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Packages(#[from] registry::RegistryError),
    #[error("no packages in {0}: nothing to deliver")]
    NoPackages(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    SigningKey(#[from] signing::SigningKeyError),
    #[error("--www {path}: {message}")]
    Www { path: String, message: String },
    #[error("listen: {0}")]
    Bind(std::io::Error),
}

/// Register the packages, open the database and read the signing key. Returns the state and
/// notes on what was registered (and on a database that is read-only at start).
pub fn open(config: &ServeConfig) -> Result<(AppState, Vec<String>), ServeError> {
    let store = open_store(config)?;
    let read_only = store.opened_read_only();
    let (state, mut notes) = open_with_store(config, Arc::new(store))?;
    if read_only {
        notes.push(format!(
            "storage: {} is read-only: records are answered 503 storage_read_only until it can be written",
            config.db_path.display()
        ));
    }
    Ok((state, notes))
}

/// Open (creating when absent) the SQLite database of `config`, with its page quota.
pub fn open_store(config: &ServeConfig) -> Result<sqlite::SqliteStore, ServeError> {
    if let Some(parent) = config
        .db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| store::StoreError::new(format!("{}: {e}", parent.display())))?;
    }
    Ok(sqlite::SqliteStore::open_with(
        &config.db_path,
        sqlite::StoreOptions {
            max_pages: config.max_db_pages,
        },
    )?)
}

/// [`open`] with a store of the caller's (another [`RecordStore`](store::RecordStore), or a
/// SQLite store the caller keeps a handle on); `config.db_path` is not used.
pub fn open_with_store(
    config: &ServeConfig,
    store: Arc<dyn store::RecordStore>,
) -> Result<(AppState, Vec<String>), ServeError> {
    let (registry, notes) = registry::PackageRegistry::load_dir(&config.packages_dir)?;
    if registry.is_empty() {
        return Err(ServeError::NoPackages(
            config.packages_dir.display().to_string(),
        ));
    }
    let signer = config
        .signing_key
        .as_deref()
        .map(signing::BadgeSigner::from_file)
        .transpose()?;
    let static_root = config
        .www_root
        .as_deref()
        .map(|root| {
            std::fs::canonicalize(root).map_err(|e| ServeError::Www {
                path: root.display().to_string(),
                message: e.to_string(),
            })
        })
        .transpose()?;
    Ok((
        AppState {
            registry: Arc::new(registry),
            store,
            signer: signer.map(Arc::new),
            limits: config.limits,
            static_root,
            public_url: config
                .public_url
                .as_ref()
                .map(|u| u.trim_end_matches('/').to_string()),
            issuer_name: config.issuer_name.clone(),
            identity_salt: config.identity_salt.clone(),
        },
        notes,
    ))
}

/// Serve on `listener` until `shutdown` completes; requests in flight then finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
