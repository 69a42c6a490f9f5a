// @ts-check
/**
 * The workbench's "Download the Excel workbook" button: the open case as
 * an `.xlsx` of live formulas (docs/xlsx-export.md). The export engine
 * (`/pkg-export/`, about 350 KB) is fetched on the first click only, so the
 * page's own engine stays small; every formula and value in the file comes
 * from the Rust core. This module only asks and reports.
 */

/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */

/**
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} status a `role="status"` line beside the button
 * @param {() => WorkbenchSession | null} currentSession the open case, if any
 */
export function wireExport(button, status, currentSession) {
  button.addEventListener('click', async () => {
    const session = currentSession();
    if (!session || button.disabled) return;
    button.disabled = true;
    status.textContent = 'Building the workbook…';
    try {
      const { exportWorkbook, downloadWorkbook } = await import('../xlsx-export.js');
      const blob = await exportWorkbook(session.document, session.inputs());
      const fileName = `${session.layout.id}-${session.layout.version}.xlsx`;
      downloadWorkbook(document, blob, fileName);
      const kilobytes = session.format(blob.size / 1000, 'number', 0);
      status.textContent = `Downloaded ${fileName} (${kilobytes} KB): inputs as named cells and every calculation as a live formula, so Excel or LibreOffice recalculates the same figures.`;
    } catch (error) {
      // The engine words its refusals (a function without a faithful Excel
      // translation names the function and where the model uses it).
      const message = error instanceof Error ? error.message : String(error);
      status.textContent = `No workbook: ${message}`;
    } finally {
      button.disabled = false;
    }
  });
}
