/**
 * What the page tells the reader: a passing toast, and notices in the banner under the top bar.
 * Each notice has a topic — a run that was stopped, a link that cannot be read, saved work that
 * cannot be read or work that cannot be saved, the page itself — so clearing one (a run that succeeds) never hides another (a bad link).
 */
import { fill, h } from './dom';

export type Topic = 'run' | 'link' | 'restore' | 'storage' | 'page';

export interface Action {
  readonly label: string;
  run(): void;
}

export class Notices {
  private readonly shown = new Map<Topic, { message: string; action?: Action }>();
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly banner: HTMLElement,
    private readonly toast: HTMLElement,
  ) {}

  /** Shows a notice on `topic` (replacing its last one), or clears it when `message` is undefined. */
  set(topic: Topic, message: string | undefined, action?: Action): void {
    if (message === undefined) {
      if (!this.shown.delete(topic)) return;
    } else this.shown.set(topic, { message, ...(action && { action }) });
    this.render();
  }

  /** A message that goes away by itself. */
  say(message: string): void {
    this.toast.textContent = message;
    this.toast.hidden = false;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast.hidden = true), 3500);
  }

  private render(): void {
    this.banner.hidden = this.shown.size === 0;
    fill(
      this.banner,
      [...this.shown].map(([topic, { message, action }]) =>
        h(
          'div',
          { class: 'notice', 'data-notice': topic },
          h('span', {}, message),
          action
            ? h('button', { class: 'btn small', 'data-action': 'notice', onclick: () => { this.set(topic, undefined); action.run(); } }, action.label)
            : null,
          h('button', { class: 'btn small close', title: 'Dismiss', 'aria-label': 'Dismiss', onclick: () => this.set(topic, undefined) }, '×'),
        ),
      ),
    );
  }
}
