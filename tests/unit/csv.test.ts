import { describe, expect, it } from "vitest";
import { csvDocument, neutraliseCell } from "@/lib/export/csv";

describe("CSV cells", () => {
  it("neutralise anything a spreadsheet would run as a formula", () => {
    for (const bad of ["=SUM(A1)", "+47 123", "-2+3", "@cmd", "\tx", "\rx"])
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
    expect(neutraliseCell("Bærum")).toBe("Bærum");
    expect(neutraliseCell(-12)).toBe(-12);
    expect(neutraliseCell(null)).toBeNull();
  });

  it("write a BOM, a header, `;` by default and quote what needs quoting", async () => {
    const doc = await csvDocument(
      ["kanal", "tekst", "antall"],
      [
        ["Ås", 'sa "hei"; takk', 312000],
        ["x", "=1+1", -5],
      ],
    );
    expect(doc).toBe('\uFEFFkanal;tekst;antall\r\nÅs;"sa ""hei""; takk";312000\r\nx;\'=1+1;-5\r\n');
  });

  it("use `,` on request", async () => {
    expect(await csvDocument(["a", "b"], [["1,5", 2]], { separator: "," })).toBe('\uFEFFa,b\r\n"1,5",2\r\n');
  });

  it("write decimals the way the separator's locale reads them: 23,17 with `;`, 23.17 with `,`", async () => {
    expect(await csvDocument(["dekning_prosent"], [[23.17], [0.5], [100]])).toBe(
      "\uFEFFdekning_prosent\r\n23,17\r\n0,5\r\n100\r\n",
    );
    expect(await csvDocument(["coverage_percent"], [[23.17]], { separator: "," })).toBe(
      "\uFEFFcoverage_percent\r\n23.17\r\n",
    );
  });
});
