import { useState } from "react";
import type { Preview, PreviewItem } from "../ipc";

/** One item of a laid-out page, in page points. Text is stretched to the width the core measured. */
function Item({ item }: { item: PreviewItem }) {
  switch (item.kind) {
    case "text": {
      const decoration = item.underline
        ? { y: item.baseline + item.size * 0.12 }
        : item.strike
          ? { y: item.baseline - item.size * 0.28 }
          : null;
      return (
        <>
          <text
            x={item.x}
            y={item.baseline}
            fontSize={item.size}
            fontWeight={item.bold ? 700 : 400}
            fontStyle={item.italic ? "italic" : "normal"}
            fill={item.color}
            textLength={item.width > 0 ? item.width : undefined}
            lengthAdjust="spacingAndGlyphs"
            xmlSpace="preserve"
          >
            {item.text}
          </text>
          {decoration && (
            <line
              x1={item.x}
              x2={item.x + item.width}
              y1={decoration.y}
              y2={decoration.y}
              stroke={item.color}
              strokeWidth={item.size * 0.06}
            />
          )}
        </>
      );
    }
    case "line":
      return <line x1={item.x1} y1={item.y1} x2={item.x2} y2={item.y2} stroke={item.color} strokeWidth={item.width} />;
    case "rect":
      return <rect x={item.x} y={item.y} width={item.width} height={item.height} fill={item.color} />;
  }
}

/** The first pages of a PDF as the core laid them out, drawn as SVG; a page clicked is shown
 * alone at the dialog's width, and clicked again goes back to both. */
export function PdfPreview({ preview }: { preview: Preview }) {
  const [enlarged, setEnlarged] = useState<number | null>(null);
  const shown = enlarged === null ? preview.pages.map((page, index) => ({ page, index })) : [];
  if (enlarged !== null && preview.pages[enlarged]) shown.push({ page: preview.pages[enlarged], index: enlarged });
  return (
    <div className="pdf-preview" data-testid="pdf-preview">
      <p className="muted">
        First {preview.pages.length} of {preview.total_pages} page{preview.total_pages === 1 ? "" : "s"}
        {" · "}
        {enlarged === null ? "click a page to enlarge it" : "click the page to see both again"}
      </p>
      <div className={`pdf-preview__pages${enlarged === null ? "" : " pdf-preview__pages--one"}`}>
        {shown.map(({ page, index }) => (
          <button
            key={index}
            type="button"
            className="pdf-preview__button"
            aria-label={enlarged === null ? `Enlarge page ${index + 1}` : "Show both pages"}
            data-testid="pdf-preview-page"
            onClick={() => setEnlarged(enlarged === null ? index : null)}
          >
            <svg className="pdf-preview__page" viewBox={`0 0 ${preview.width} ${preview.height}`} role="img" aria-label={`Page ${index + 1}`}>
              <rect width={preview.width} height={preview.height} fill="#ffffff" />
              {page.items.map((item, i) => (
                <Item key={i} item={item} />
              ))}
            </svg>
          </button>
        ))}
      </div>
    </div>
  );
}
