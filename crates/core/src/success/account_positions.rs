//! Account ids to their rows in `SuccessData::accounts`. The data's rows
//! (signals, events, renewals, plays) name an account by id; the health
//! table and every per-account list index accounts by position. The ids
//! are sorted once and each look-up is a binary search: no hashing, so
//! the same order on every platform, and no allocation per look-up.

use super::data::Account;

/// The accounts' ids, sorted, each with its position in the data.
#[derive(Debug, Clone)]
pub struct AccountPositions<'a> {
    sorted: Vec<(&'a str, usize)>,
}

impl<'a> AccountPositions<'a> {
    /// The positions of `accounts` (of a repeated id, the first: the
    /// data's reader refuses repeats, so there are none in read data).
    pub fn new(accounts: &'a [Account]) -> AccountPositions<'a> {
        let mut sorted: Vec<(&str, usize)> = accounts
            .iter()
            .enumerate()
            .map(|(position, account)| (account.id.as_str(), position))
            .collect();
        sorted.sort_unstable();
        AccountPositions { sorted }
    }

    /// The position of the account `id`, if the data has it.
    pub fn position_of(&self, id: &str) -> Option<usize> {
        let first = self.sorted.partition_point(|(known, _)| *known < id);
        self.sorted
            .get(first)
            .filter(|(known, _)| *known == id)
            .map(|(_, position)| *position)
    }

    /// The positions in `rows` per account position (`count` groups, one
    /// per account), each group in row order; a row naming no account of
    /// the data is left out.
    pub fn group_rows<T>(
        &self,
        count: usize,
        rows: &[T],
        account_of: impl Fn(&T) -> &str,
    ) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (row_position, row) in rows.iter().enumerate() {
            let group = self
                .position_of(account_of(row))
                .and_then(|position| groups.get_mut(position));
            if let Some(group) = group {
                group.push(row_position);
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::success::date::Date;

    fn account(id: &str) -> Account {
        let day = Date::parse("2025-01-01").expect("a date");
        crate::success::test_json::bare_account(id, day)
    }

    #[test]
    fn ids_find_their_positions_and_rows_group_in_row_order() {
        let accounts = [account("globex"), account("acme"), account("initech")];
        let positions = AccountPositions::new(&accounts);
        assert_eq!(positions.position_of("acme"), Some(1));
        assert_eq!(positions.position_of("globex"), Some(0));
        assert_eq!(positions.position_of("initech"), Some(2));
        assert_eq!(positions.position_of("acm"), None);
        assert_eq!(positions.position_of("zzz"), None);
        let rows = ["acme", "nobody", "globex", "acme", "initech"];
        let groups = positions.group_rows(accounts.len(), &rows, |row| row);
        assert_eq!(groups, vec![vec![2], vec![0, 3], vec![4]]);
    }
}
