//! YAML parsing with a size budget. Aliases let a small document stand for a huge tree
//! (a "billion laughs" bomb: ten aliases of ten aliases of …, or one long anchored value
//! aliased thousands of times). `serde_norway` caps alias jumps at 100 per event, which
//! still lets a few hundred kilobytes expand to gigabytes; here every node and string
//! byte built is charged to a budget proportional to the input, and a document that
//! exceeds it is an error (the file is then scanned as plain text).

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// Budget units (nodes plus string bytes) allowed per byte of input. A document without
/// aliases needs at most about two.
const UNITS_PER_INPUT_BYTE: usize = 4;
/// Budget every document gets whatever its size (small files with a few merge keys).
const MIN_UNITS: usize = 64 * 1024;

/// Every document of a YAML stream as a JSON value tree, within a budget shared by all
/// documents of the stream.
pub fn yaml_documents(text: &str) -> Result<Vec<Value>, serde_norway::Error> {
    let budget = Cell::new(text.len().saturating_mul(UNITS_PER_INPUT_BYTE).saturating_add(MIN_UNITS));
    serde_norway::Deserializer::from_str(text)
        .map(|document| Budgeted { budget: &budget }.deserialize(document))
        .collect()
}

/// A `serde_json::Value` built node by node, each node and string byte charged to `budget`.
#[derive(Clone, Copy)]
struct Budgeted<'b> {
    budget: &'b Cell<usize>,
}

impl Budgeted<'_> {
    fn charge<E: de::Error>(self, units: usize) -> Result<(), E> {
        match self.budget.get().checked_sub(units.saturating_add(1)) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom("document expands past its size budget (alias bomb?)")),
        }
    }

    /// A scalar, converted the way `serde_json::Value` converts it.
    fn scalar<'de, E: de::Error, T: IntoDeserializer<'de, E>>(self, value: T) -> Result<Value, E> {
        self.charge(0)?;
        Value::deserialize(value.into_deserializer())
    }
}

impl<'de> DeserializeSeed<'de> for Budgeted<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budgeted<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.scalar(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.scalar(v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        self.scalar(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.scalar(v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        self.scalar(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.scalar(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.charge(v.len())?;
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.charge(v.len())?;
        Ok(Value::String(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.scalar(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.scalar(())
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.charge(0)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.charge(0)?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.charge(key.len())?;
            let value = map.next_value_seed(self)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_parse_like_serde_json_values() {
        let text = "a: 1\nb: [x, 2.5, true, ~]\n---\nc: {d: e}\n";
        let documents = yaml_documents(text).unwrap();
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0]["a"], 1);
        assert_eq!(documents[0]["b"], serde_json::json!(["x", 2.5, true, null]));
        assert_eq!(documents[1]["c"]["d"], "e");
    }

    #[test]
    fn a_few_aliases_stay_within_budget() {
        let text = "base: &base {user: app, token: abc}\nprod: *base\nstaging: *base\n";
        let documents = yaml_documents(text).unwrap();
        assert_eq!(documents[0]["staging"]["token"], "abc");
    }

    #[test]
    fn one_long_value_aliased_many_times_is_refused() {
        let mut text = format!("a: &a \"{}\"\nb: [", "x".repeat(100_000));
        text.push_str(&"*a, ".repeat(5_000));
        text.push_str("*a]\n");
        let err = yaml_documents(&text).unwrap_err();
        assert!(err.to_string().contains("budget"), "{err}");
    }
}
