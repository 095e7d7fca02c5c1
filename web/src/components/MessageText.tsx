/** A run of message text: prose, or a fenced code block that keeps its layout. */
interface Segment {
  code: boolean;
  text: string;
}

// Customers paste code and logs between ``` fences; the rest of a message is prose.
function splitFences(text: string): Segment[] {
  const parts = text.split(/^```[^\n]*$/m);
  const segments: Segment[] = [];
  parts.forEach((part, index) => {
    const trimmed = part.replace(/^\n+|\n+$/g, '');
    if (trimmed) segments.push({ code: index % 2 === 1, text: trimmed });
  });
  return segments;
}

/**
 * Renders message text as text. React escapes every string it renders, so markup in a message
 * shows as characters. Prose keeps its line breaks and wraps long words; code blocks keep their
 * whitespace and scroll sideways inside the message.
 */
export function MessageText({ text }: { text: string }) {
  return (
    <div className="message-text">
      {splitFences(text).map((segment, index) =>
        segment.code ? (
          <pre key={index} className="message-code">
            <code>{segment.text}</code>
          </pre>
        ) : (
          <p key={index} className="message-prose">
            {segment.text}
          </p>
        ),
      )}
    </div>
  );
}
