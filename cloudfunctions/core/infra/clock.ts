/** The one place functions read the time; tests move the emulator clock instead. */
export const now = (): Date => new Date();
