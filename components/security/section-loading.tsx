import { cardClass, mutedClass } from '@/components/ui/styles';

/** A section waiting for its list: the words for screen readers and the shape of what comes. */
export function SectionLoading({ text }: { text: string }) {
  return (
    <div className={cardClass} aria-busy="true">
      <p className={mutedClass}>{text}</p>
      <div className="mt-3 flex animate-pulse flex-col gap-3" aria-hidden="true">
        <div className="h-4 w-2/3 rounded bg-[var(--kw-surface-2)]" />
        <div className="h-4 w-1/2 rounded bg-[var(--kw-surface-2)]" />
      </div>
    </div>
  );
}
