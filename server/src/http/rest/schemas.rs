//! Schemas of the API's closed sets, built from the domain's own lists so that the document
//! names exactly what the server accepts: flag keys, kinds of data, modes, roles, thresholds.

use domain::governance::Mode;
use domain::governance::retention::DataType;
use domain::governance::thresholds::Threshold;
use domain::{Flag, Role};
use utoipa::openapi::schema::{AdditionalProperties, ArrayBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{Object, RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

fn one_of<'a>(names: impl IntoIterator<Item = &'a str>) -> Object {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(names)).build()
}

pub fn flag_key() -> Object {
    one_of(Flag::ALL.iter().map(|f| f.name()))
}

pub fn entity_type() -> Object {
    one_of(DataType::ALL.iter().map(|t| t.key()))
}

pub fn mode() -> Object {
    one_of(Mode::ALL.iter().map(|m| m.as_str()))
}

/// Roles, or null (as absent: the roles are kept).
pub fn roles() -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(one_of(Role::ALL.iter().map(|r| r.as_str())))
        .build()
}

/// The body that changes thresholds: some of them by name, each a whole number in its range.
pub struct ThresholdChanges;

impl PartialSchema for ThresholdChanges {
    fn schema() -> RefOr<Schema> {
        let mut object = ObjectBuilder::new()
            .min_properties(Some(1))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        for t in Threshold::ALL {
            let value = ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(*t.range().start()))
                .maximum(Some(*t.range().end()));
            object = object.property(t.api_key(), value);
        }
        RefOr::T(Schema::Object(object.build()))
    }
}

impl ToSchema for ThresholdChanges {}
