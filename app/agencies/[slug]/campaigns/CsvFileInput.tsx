"use client";

/**
 * The CSV file field, refusing a file above the upload limit in the browser with the product's own
 * message (the server refuses it too: 413 from proxy.ts, or the action's check), so nobody waits
 * for an upload that cannot succeed.
 */
export function CsvFileInput(props: { id: string; maxBytes: number; tooLarge: string }) {
  return (
    <input
      id={props.id}
      name="file"
      type="file"
      accept=".csv,text/csv"
      required
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.setCustomValidity(file && file.size > props.maxBytes ? props.tooLarge : "");
        e.currentTarget.reportValidity();
      }}
    />
  );
}
