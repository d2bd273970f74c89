//! What the index tells the walk of one unit: the real sources its callers pass to its
//! parameters, and what the functions it calls return. Prepared by the index per unit
//! (`index/propagate.rs`); its hash is part of the unit's cache key, so a unit is
//! re-analysed exactly when what the index says about it changes.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::summary::{ReturnFacts, SourceFlow};

/// A resolved callee as a call site sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CalleeFacts {
    /// Shown in traces: `run_query` in `reports/queries.py`.
    pub name: String,
    pub params: Vec<String>,
    pub returns: ReturnFacts,
}

/// The index's facts for one function unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct UnitFacts {
    /// Parameter name → the real sources callers pass to it (bounded).
    pub incoming: BTreeMap<String, Vec<SourceFlow>>,
    /// The callee path as written in the unit (`helpers.run_query`) → what it returns.
    pub callees: BTreeMap<String, CalleeFacts>,
}

impl UnitFacts {
    pub fn is_empty(&self) -> bool {
        self.incoming.is_empty() && self.callees.is_empty()
    }

    /// A stable hash, for the unit's cache key.
    pub fn fingerprint(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        self.hash(&mut h);
        h.finish()
    }
}

/// The facts of every unit of one document that has any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFacts {
    pub units: HashMap<String, Arc<UnitFacts>>,
}

impl DocumentFacts {
    pub fn unit(&self, id: &str) -> Option<&UnitFacts> {
        self.units.get(id).map(Arc::as_ref)
    }
}
