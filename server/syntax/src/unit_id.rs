//! A unit's id as a type: its qualified name (`Cart.total`), with `#N` appended for the
//! Nth repeat of a name in one document (`handler#2`), or `module`. Everything that needs
//! a part of it (the short name a call would use, the enclosing class, the function the
//! sandbox calls) asks here instead of splitting the string by hand.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// The id of a unit, unique within its document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct UnitId(String);

/// The id of the module unit (everything outside functions).
pub const MODULE_UNIT: &str = "module";

impl UnitId {
    pub fn new(id: impl Into<String>) -> UnitId {
        UnitId(id.into())
    }

    pub fn module() -> UnitId {
        UnitId(MODULE_UNIT.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_module(&self) -> bool {
        self.0 == MODULE_UNIT
    }

    /// The qualified name without the repeat suffix: `Cart.total#2` → `Cart.total`.
    pub fn qualified_name(&self) -> &str {
        match self.0.rsplit_once('#') {
            Some((name, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => &self.0,
        }
    }

    /// The name a call would use: `Cart.total#2` → `total`.
    pub fn short_name(&self) -> &str {
        let qualified = self.qualified_name();
        qualified.rsplit('.').next().unwrap_or(qualified)
    }

    /// The innermost enclosing scope's name (a class, a function): `app.Cart.total` → `Cart`.
    pub fn enclosing_name(&self) -> Option<&str> {
        let (scope, _) = self.qualified_name().rsplit_once('.')?;
        scope.rsplit('.').next()
    }
}

impl Deref for UnitId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for UnitId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UnitId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for UnitId {
    fn from(id: String) -> UnitId {
        UnitId(id)
    }
}

impl From<&str> for UnitId {
    fn from(id: &str) -> UnitId {
        UnitId(id.to_owned())
    }
}

impl From<UnitId> for String {
    fn from(id: UnitId) -> String {
        id.0
    }
}

impl PartialEq<str> for UnitId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for UnitId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for UnitId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<UnitId> for String {
    fn eq(&self, other: &UnitId) -> bool {
        *self == other.0
    }
}

impl PartialEq<UnitId> for str {
    fn eq(&self, other: &UnitId) -> bool {
        self == other.0
    }
}

impl PartialEq<UnitId> for &str {
    fn eq(&self, other: &UnitId) -> bool {
        *self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_an_id() {
        let id = UnitId::from("app.Cart.total#2");
        assert_eq!(id.qualified_name(), "app.Cart.total");
        assert_eq!(id.short_name(), "total");
        assert_eq!(id.enclosing_name(), Some("Cart"));
        let plain = UnitId::from("greet");
        assert_eq!(plain.short_name(), "greet");
        assert_eq!(plain.enclosing_name(), None);
        assert!(UnitId::module().is_module());
        assert_eq!(UnitId::from("<anonymous@3>").short_name(), "<anonymous@3>");
        assert_eq!(
            UnitId::from("a#b").qualified_name(),
            "a#b",
            "not a repeat suffix"
        );
    }
}
