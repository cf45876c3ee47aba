// The validation message(s) shown right under a form field.
export function FieldError({ messages, testId }: { messages?: readonly string[]; testId?: string }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p className="mt-1 text-xs text-bad" role="alert" data-testid={testId}>
      {messages.join("; ")}
    </p>
  );
}
