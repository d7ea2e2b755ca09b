"""Writes the certificate PDFs next to this file (committed; run again only to change them).

    .venv/bin/python tests/ce/data/certificates/generate.py

Each imitates a real kind of certificate (layout and wording of ACPE providers' statements of
credit, a legacy UAN, a hospital in-service record, a bare LMS certificate). Two are laid out
by WeasyPrint from HTML (centred blocks, as browsers print them) and three by fpdf2, so the
reader sees the text orders both kinds of generator produce. People and courses are made up.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from weasyprint import HTML

HERE = Path(__file__).resolve().parent

STATEMENT_OF_CREDIT = """<!doctype html><html><head><style>
@page { size: Letter landscape; margin: 0.6in; }
body { font-family: serif; text-align: center; border: 6px double #345; padding: 24px; }
.org { font-size: 14pt; letter-spacing: 2px; } h1 { font-size: 28pt; margin: 8px 0; }
.name { font-size: 22pt; font-style: italic; } .title { font-size: 17pt; font-weight: bold; }
.fine { font-size: 8pt; margin-top: 18px; } table { margin: 12px auto; font-size: 11pt; }
td { padding: 2px 12px; text-align: left; }
</style></head><body>
<p class="org">POSTGRADUATE HEALTHCARE EDUCATION, LLC</p>
<h1>Statement of Credit</h1>
<p>This is to certify that</p>
<p class="name">Maria Alvarez, CPhT</p>
<p>has successfully completed</p>
<p class="title">USP &lt;797&gt; Beyond-Use Dates and Sterile Compounding Essentials</p>
<table>
<tr><td>Date of completion:</td><td>September 30, 2026</td></tr>
<tr><td>Contact hours:</td><td>2.0 (0.2 CEU)</td></tr>
<tr><td>ACPE UAN:</td><td>0430-0000-26-052-H07-T</td></tr>
</table>
<p class="fine">Knowledge-based home-study activity. Release date: January 15, 2026. Expiration
date: January 15, 2029. Postgraduate Healthcare Education, LLC is accredited by the
Accreditation Council for Pharmacy Education as a provider of continuing pharmacy education.
Credit has been reported to CPE Monitor.</p>
</body></html>"""

IN_SERVICE = """<!doctype html><html><head><style>
@page { size: Letter; margin: 0.8in; } body { font-family: sans-serif; font-size: 11pt; }
h1 { font-size: 18pt; } dt { font-weight: bold; margin-top: 8px; } .sign { margin-top: 40px; }
</style></head><body>
<p>St. Luke's Health &#8212; Department of Pharmacy</p>
<h1>In-Service Training Record</h1>
<dl>
<dt>Program: Hazardous Drug Handling (USP &lt;800&gt;) Annual Competency</dt>
<dt>Presenter</dt><dd>Dana Whitfield, PharmD, BCSCP</dd>
<dt>Attendee</dt><dd>Maria Alvarez, CPhT (employee 40213)</dd>
<dt>Date attended: 08/21/2026</dt>
<dt>Duration</dt><dd>1 hour</dd>
</dl>
<p>Topics: receiving and storage, personal protective equipment, spill kits, deactivation and
cleaning of the C-PEC.</p>
<p class="sign">Pharmacy educator signature ____________________</p>
</body></html>"""


def _fpdf(lines: list[tuple[str, int, str]], *, landscape: bool = False) -> bytes:
    pdf = FPDF(orientation="L" if landscape else "P", format="Letter")
    pdf.add_page()
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.ln(12)
    for text, size, style in lines:
        pdf.set_font("helvetica", style, size)
        pdf.multi_cell(0, size * 0.55, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def main() -> None:
    HTML(string=STATEMENT_OF_CREDIT).write_pdf(HERE / "acpe_technician_statement_of_credit.pdf")
    HTML(string=IN_SERVICE).write_pdf(HERE / "in_service_no_uan.pdf")
    (HERE / "acpe_pharmacist_live.pdf").write_bytes(
        _fpdf(
            [
                ("CERTIFICATE OF ATTENDANCE", 22, "B"),
                (
                    "Activity Title: Look-Alike, Sound-Alike Medications: Preventing "
                    "Dispensing Errors",
                    13,
                    "",
                ),
                ("Participant: Jordan Lee, PharmD", 12, ""),
                ("Provider: American Society of Health-System Pharmacists", 12, ""),
                ("UAN: 0204-0000-26-214-L05-P", 12, ""),
                ("Activity type: Application-based, live", 11, ""),
                ("Credit: 1.5 contact hours", 12, ""),
                ("Date of participation: 03/12/2026", 12, ""),
            ],
            landscape=True,
        )
    )
    (HERE / "legacy_uan_technician_law.pdf").write_bytes(
        _fpdf(
            [
                ("Ohio Pharmacists Foundation", 16, "B"),
                ("awards this certificate to", 11, "I"),
                ("Maria Alvarez", 20, "B"),
                ("for successfully completing", 11, "I"),
                ("Ohio Pharmacy Law Update for Technicians", 16, "B"),
                ("ACPE Universal Activity Number 129-000-12-021-H03", 11, ""),
                ("1.0 contact hour of Pharmacy Technician credit", 11, ""),
                ("Completed on Nov 14, 2012", 11, ""),
            ]
        )
    )
    (HERE / "no_title_stated.pdf").write_bytes(
        _fpdf(
            [
                ("Certificate of Completion", 24, "B"),
                ("Awarded to Maria Alvarez", 14, ""),
                ("ACPE UAN 0669-0000-26-101-H01-T", 12, ""),
                ("2 contact hours", 12, ""),
                ("Completion date: October 2, 2026", 12, ""),
            ]
        )
    )


if __name__ == "__main__":
    main()
