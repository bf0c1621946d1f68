import { useEffect, useRef } from 'react';

export const SHORTCUTS: readonly [string, string][] = [
  ['1 – 9', 'Answer the focused question (pick a rating or option, toggle a tag)'],
  ['← / →', 'Step the focused rating'],
  ['↑ / ↓, Tab', 'Move between questions'],
  ['Enter', 'Submit and go to the next dialogue'],
  ['Backspace', 'Discard and go to the next dialogue'],
  ['Ctrl/⌘ + S', 'Save a draft'],
  ['J / K', 'Next / previous dialogue (answers not submitted are kept as a draft)'],
  ['E', 'Edit the turns'],
  ['Delete', 'Delete the dialogue (can be undone)'],
  ['Esc', 'Leave the note field; close this list'],
  ['1 / 2 / =', 'Pairwise: left better / right better / tie'],
  ['?', 'Show this list'],
];

/** Every shortcut of the review desk, in a modal dialog (Esc closes it and focus returns where it was). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="review-shortcuts-title" onClose={onClose}>
      <h3 id="review-shortcuts-title">Review shortcuts</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
