//! The seller and the buyer (BG-4, BG-7): identifiers, address, electronic address, VAT number.

use domain::customer::CustomerKind;
use domain::invoicing::einvoice;
use domain::invoicing::issue::IssuedInvoice;
use domain::party::{LegalIds, PostalAddress};

use super::xml::Xml;

/// The parties (BG-4, BG-7).
pub(super) fn agreement(x: &mut Xml, invoice: &IssuedInvoice) {
    x.open("ram:ApplicableHeaderTradeAgreement");
    let seller = &invoice.seller;
    let seller_address = seller.address.as_ref();
    let seller_email = seller.email.as_ref().map(|e| e.as_str());
    let seller_kind = CustomerKind::Business;
    party(
        x,
        "ram:SellerTradeParty",
        (&seller.legal_name, &seller.ids, seller_address),
        (seller_email, seller_kind),
        true,
    );
    let buyer = &invoice.buyer;
    let buyer_email = buyer.email.as_ref().map(|e| e.as_str());
    party(
        x,
        "ram:BuyerTradeParty",
        (&buyer.legal_name, &buyer.ids, Some(&buyer.address)),
        (buyer_email, buyer.kind),
        false,
    );
    x.close();
}

/// A party: its SIRET (BT-29/46), name, SIREN (BT-30/47), address, electronic address
/// (BT-34/49) and VAT number (BT-31/48). A seller without a VAT number (VAT-exempt) gives its
/// SIREN as its tax registration (BT-32), which BR-E-02 asks of exempt invoices.
fn party(
    x: &mut Xml,
    tag: &'static str,
    (name, ids, address): (&str, &LegalIds, Option<&PostalAddress>),
    (email, kind): (Option<&str>, CustomerKind),
    seller: bool,
) {
    x.open(tag);
    let (siren, siret, vat) = match ids {
        LegalIds::France { siren, siret, vat_number } => (
            siren.as_ref().map(|s| s.as_str()),
            siret.as_ref().map(|s| s.as_str()),
            vat_number.as_ref().map(|v| v.as_str()),
        ),
        LegalIds::Algeria { .. } => (None, None, None),
    };
    if let Some(siret) = siret {
        x.leaf_attr("ram:GlobalID", ("schemeID", einvoice::SIRET_SCHEME), siret);
    }
    x.leaf("ram:Name", name);
    if let Some(siren) = siren {
        x.open("ram:SpecifiedLegalOrganization");
        x.leaf_attr("ram:ID", ("schemeID", einvoice::SIREN_SCHEME), siren);
        x.close();
    }
    if let Some(address) = address {
        x.open("ram:PostalTradeAddress");
        x.leaf("ram:PostcodeCode", &address.postcode);
        x.leaf("ram:LineOne", &address.street);
        if let Some(street2) = &address.street2 {
            x.leaf("ram:LineTwo", street2);
        }
        x.leaf("ram:CityName", &address.city);
        x.leaf("ram:CountryID", ids.country().code());
        x.close();
    }
    if let Some((scheme, value)) = einvoice::electronic_address(ids, email, kind) {
        x.open("ram:URIUniversalCommunication");
        x.leaf_attr("ram:URIID", ("schemeID", scheme), &value);
        x.close();
    }
    match (vat, siren) {
        (Some(vat), _) => {
            x.open("ram:SpecifiedTaxRegistration");
            x.leaf_attr("ram:ID", ("schemeID", "VA"), vat);
            x.close();
        }
        (None, Some(siren)) if seller => {
            x.open("ram:SpecifiedTaxRegistration");
            x.leaf_attr("ram:ID", ("schemeID", "FC"), siren);
            x.close();
        }
        _ => {}
    }
    x.close();
}
