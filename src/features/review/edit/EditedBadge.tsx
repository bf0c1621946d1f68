/** Marks a dialogue whose turns a reviewer changed; the model's output stays in its edit history. */
export function EditedBadge() {
  return (
    <span className="edited-badge" title="A reviewer changed this dialogue; the model's output is kept in its history">
      Edited
    </span>
  );
}
