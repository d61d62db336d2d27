package dev.leakgate.reports.render;

import java.util.Locale;

/**
 * Makes text taken from a report (or from another JVM, a service's answer, a JMH file) safe to put
 * in front of people and CI: every renderer and every command message passes such text through here.
 *
 * <p>A report is written by whatever application the agent ran in, so its strings (thread names,
 * scopes, kinds, sites, labels) may hold terminal escapes, line breaks that forge CI workflow
 * commands ({@code ::error ...}, {@code ##[error]}), bidi overrides that reorder what is shown, or
 * lone UTF-16 surrogates that no encoder can write. Callers print a fixed, non-blank prefix before
 * any such text on a line: the GitHub Actions runner trims leading blanks before it looks for
 * {@code ::}.
 */
public final class ReportText {

  private static final int REPLACEMENT = 0xFFFD;

  private ReportText() {}

  /**
   * Returns {@code text} as one printable line: line breaks, tabs, control and format characters
   * (C0, DEL, C1, bidi controls, zero-width marks, line and paragraph separators) become visible
   * escapes ({@code \n}, {@code \u001B}, {@code \u202E}), the legacy workflow-command marker
   * {@code ##[} loses its bracket ({@code ##\u005B}), and lone surrogates become U+FFFD.
   * Null reads as {@code "null"}.
   */
  public static String line(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int hashes = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        out.appendCodePoint(REPLACEMENT);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (isInvisibleOrControl(c) || (c == '[' && hashes >= 2)) {
        escape(out, c);
      } else {
        out.appendCodePoint(c);
      }
      hashes = c == '#' ? hashes + 1 : 0;
    }
    return out.toString();
  }

  /**
   * Returns {@code text} with every character a document cannot hold replaced by U+FFFD: lone
   * surrogates (no encoder writes them) and the characters XML 1.0 forbids (C0 controls other than
   * tab, line feed and carriage return; U+FFFE, U+FFFF). For machine-read fields (SARIF properties,
   * fingerprints) that must keep the rest of the text as it was. Null stays null.
   */
  public static String wellFormed(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      boolean legal =
          c == 0x9 || c == 0xA || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || c >= 0x10000;
      if (!legal && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.appendCodePoint(legal ? c : REPLACEMENT);
      }
      i += width;
    }
    return out == null ? text : out.toString();
  }

  /** Controls (Cc), format characters (Cf: bidi controls, zero-width marks, BOM), U+2028/2029, noncharacters. */
  private static boolean isInvisibleOrControl(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || c == 0xFFFE
        || c == 0xFFFF;
  }

  private static void escape(StringBuilder out, int c) {
    if (c > 0xFFFF) {
      out.append(String.format(Locale.ROOT, "\\U%08X", c));
    } else {
      out.append(String.format(Locale.ROOT, "\\u%04X", c));
    }
  }
}
