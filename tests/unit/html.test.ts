import { describe, expect, it } from "vitest";
import { html } from "@/lib/reports/html";

describe("html templates", () => {
  it("escape interpolated text, so a post or reply cannot inject markup", () => {
    const text = `<script>alert("x")</script> & 'hei'`;
    expect(html`<p title="${text}">${text}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;hei&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;hei&#39;</p>',
    );
  });

  it("nest fragments without escaping them twice, and drop false and null", () => {
    expect(html`<ul>${["a<", "b"].map((x) => html`<li>${x}</li>`)}${false}${null}</ul>`.toString()).toBe(
      "<ul><li>a&lt;</li><li>b</li></ul>",
    );
  });
});
