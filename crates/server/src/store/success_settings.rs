//! The team's success settings (`yardstick/success-settings@1`) as
//! versions in `success_settings` (schema version 7): each save is the
//! next version with who and when; the current one is the newest, and
//! earlier ones are kept as the history.

use rusqlite::{params, Connection, OptionalExtension};

use super::{sqlite, StoreError};

/// One stored version of the settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsVersion {
    pub version: i64,
    pub saved_at_ms: i64,
    pub saved_by: String,
    pub settings_json: String,
}

/// Stores `settings_json` (already checked by the core) as the next
/// version; its number.
pub fn save_settings(
    connection: &mut Connection,
    settings_json: &str,
    saved_by: &str,
    saved_at_ms: i64,
) -> Result<i64, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin saving the settings"))?;
    let next: i64 = transaction
        .query_row(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM success_settings",
            [],
            |row| row.get(0),
        )
        .map_err(sqlite("number the settings"))?;
    transaction
        .execute(
            "INSERT INTO success_settings (version, saved_at_ms, saved_by, settings_json)
             VALUES (?1, ?2, ?3, ?4)",
            params![next, saved_at_ms, saved_by, settings_json],
        )
        .map_err(sqlite("store the settings"))?;
    transaction
        .commit()
        .map_err(sqlite("commit the settings"))?;
    Ok(next)
}

/// The newest settings version, if any was saved.
pub fn current_settings(connection: &Connection) -> Result<Option<SettingsVersion>, StoreError> {
    connection
        .query_row(
            "SELECT version, saved_at_ms, saved_by, settings_json FROM success_settings
             ORDER BY version DESC LIMIT 1",
            [],
            |row| {
                Ok(SettingsVersion {
                    version: row.get(0)?,
                    saved_at_ms: row.get(1)?,
                    saved_by: row.get(2)?,
                    settings_json: row.get(3)?,
                })
            },
        )
        .optional()
        .map_err(sqlite("read the settings"))
}

/// How many settings versions are stored (the history's length).
#[cfg(test)]
pub fn settings_versions(connection: &Connection) -> Result<i64, StoreError> {
    connection
        .query_row("SELECT COUNT(*) FROM success_settings", [], |row| {
            row.get(0)
        })
        .map_err(sqlite("count the settings versions"))
}
