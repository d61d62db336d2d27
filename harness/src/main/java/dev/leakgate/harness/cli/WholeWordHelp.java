package dev.leakgate.harness.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help text wrapped at spaces only. Picocli's own wrapping follows the JDK's line breaking, which also
 * breaks after a colon ({@code -XX:} / {@code +EnableDynamicAgentLoading}, {@code http://127.0.0.1:}
 * / {@code 8000/create_agent}): a reader copying a flag or a URL from the help gets half of it.
 */
final class WholeWordHelp extends Help {

  /** The factory {@link LeakGateCli} installs for every command. */
  static final CommandLine.IHelpFactory FACTORY = WholeWordHelp::new;

  private WholeWordHelp(CommandSpec spec, ColorScheme scheme) {
    super(spec, scheme);
  }

  @Override
  public Layout createDefaultLayout() {
    Layout layout = super.createDefaultLayout();
    return new Layout(colorScheme(), new WholeWordTable(colorScheme(), layout.textTable()),
        layout.optionRenderer(), layout.parameterRenderer());
  }

  @Override
  public String description(Object... params) {
    TextTable table = new WholeWordTable(colorScheme(),
        TextTable.forColumns(colorScheme(), new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP)));
    table.indentWrappedLines = 0; // a paragraph, as picocli prints it
    for (String paragraph : commandSpec().usageMessage().description()) {
      table.addRowValues(text(String.format(paragraph, params)));
    }
    return table.toString();
  }

  /** As picocli's own, with the synopsis wrapped at spaces: a {@code [--max-live=[KIND=]N]...} stays whole. */
  @Override
  protected String insertSynopsisCommandName(int synopsisHeadingLength, Text details) {
    CommandSpec spec = commandSpec();
    int width = spec.usageMessage().width();
    String name = spec.qualifiedName();
    int indent = synopsisHeadingLength + name.length() + 1;
    if (indent > spec.usageMessage().synopsisAutoIndentThreshold() * width) {
      indent = spec.usageMessage().synopsisIndent() < 0 ? synopsisHeadingLength : spec.usageMessage().synopsisIndent();
    }
    TextTable table = new WholeWordTable(colorScheme(), TextTable.forColumnWidths(colorScheme(), width));
    table.indentWrappedLines = indent;
    // padding stands for the heading on the first line, and is cut off again
    Text padding = Ansi.OFF.new Text("X".repeat(synopsisHeadingLength), colorScheme());
    table.addRowValues(padding.concat(colorScheme().commandText(name)).concat(details));
    return table.toString().substring(synopsisHeadingLength);
  }

  private Text text(String plain) {
    return colorScheme().ansi().new Text(plain, colorScheme());
  }

  /** A table whose wrapping columns break a value at spaces, never inside a word. */
  private static final class WholeWordTable extends TextTable {
    private final ColorScheme scheme;

    WholeWordTable(ColorScheme scheme, TextTable like) {
      super(scheme, like.columns());
      this.scheme = scheme;
      this.indentWrappedLines = like.indentWrappedLines;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      String plain = value.plainString();
      if (column.overflow != Column.Overflow.WRAP || column.indent + plain.length() <= column.width) {
        return super.putValue(row, col, value);
      }
      Cell cell = null;
      int at = row;
      List<int[]> lines = lines(plain, column.width - column.indent, column.width - column.indent - indentWrappedLines);
      for (int i = 0; i < lines.size(); i++) {
        while (at >= rowCount()) {
          addEmptyRow();
        }
        Text line = value.substring(lines.get(i)[0], lines.get(i)[1]);
        if (i > 0) {
          line = scheme.ansi().new Text(" ".repeat(indentWrappedLines), scheme).concat(line);
        }
        cell = super.putValue(at, col, line);
        at = cell.row + 1;
      }
      return cell;
    }

    /**
     * The [start, end) of each line when the words (runs of non-spaces) of {@code text} fill lines of
     * {@code first} characters, then {@code rest}; a longer word gets a line of its own.
     */
    private static List<int[]> lines(String text, int first, int rest) {
      List<int[]> lines = new ArrayList<>();
      int start = -1;
      int end = -1;
      int i = 0;
      while (i < text.length()) {
        while (i < text.length() && text.charAt(i) == ' ') {
          i++;
        }
        int wordStart = i;
        while (i < text.length() && text.charAt(i) != ' ') {
          i++;
        }
        if (wordStart == i) {
          break;
        }
        int width = lines.isEmpty() ? first : rest;
        if (start >= 0 && i - start > width) {
          lines.add(new int[] {start, end});
          start = -1;
        }
        if (start < 0) {
          start = wordStart;
        }
        end = i;
      }
      if (start >= 0) {
        lines.add(new int[] {start, end});
      }
      return lines;
    }
  }
}
