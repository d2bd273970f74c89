//! At most one request in flight per unit id: registering a unit cancels the request that
//! was in flight for it, and a guard unregisters on drop (only if it is still the latest).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio_util::sync::CancellationToken;

#[derive(Debug, Default)]
pub(super) struct InFlight {
    units: Mutex<HashMap<String, (u64, CancellationToken)>>,
    next_generation: std::sync::atomic::AtomicU64,
}

/// Holds a unit's slot; dropping it frees the slot unless a newer request took it.
pub(super) struct Slot {
    registry: Arc<InFlight>,
    unit_id: String,
    generation: u64,
    pub token: CancellationToken,
}

impl InFlight {
    /// Takes the unit's slot, cancelling the previous holder. `parent` (the caller's token)
    /// cancels this request too.
    pub(super) fn register(
        self: &Arc<Self>,
        unit_id: &str,
        parent: Option<&CancellationToken>,
    ) -> Slot {
        let token = parent.map_or_else(CancellationToken::new, CancellationToken::child_token);
        let generation = self
            .next_generation
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut units = self.units.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, older)) = units.insert(unit_id.to_string(), (generation, token.clone())) {
            older.cancel();
        }
        Slot {
            registry: Arc::clone(self),
            unit_id: unit_id.to_string(),
            generation,
            token,
        }
    }

    /// Cancels whatever is in flight for the unit.
    pub(super) fn cancel(&self, unit_id: &str) {
        let units = self.units.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, token)) = units.get(unit_id) {
            token.cancel();
        }
    }

    pub(super) fn len(&self) -> usize {
        self.units
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut units = self
            .registry
            .units
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if units
            .get(&self.unit_id)
            .is_some_and(|(generation, _)| *generation == self.generation)
        {
            units.remove(&self.unit_id);
        }
    }
}
