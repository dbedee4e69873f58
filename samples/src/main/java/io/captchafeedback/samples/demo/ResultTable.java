package io.captchafeedback.samples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Prints the rows as a plain-text table, columns as wide as their widest cell (long answers are cut). */
final class ResultTable {

    private record Column(String header, int maxWidth, Function<Row, String> cell) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("page", 40, r -> r.flow().page().path()),
            new Column("captcha type", 24, r -> r.flow().page().widget().captchaType().name()),
            new Column("engine", 10, r -> r.flow().engine().label()),
            new Column("token", 5, r -> r.flow().token()),
            new Column("provider", 12, r -> r.flow().provider()),
            new Column("verdict", 16, r -> r.verdict() == null ? "-" : r.verdict().name()),
            new Column("rule", 30, r -> r.rule().isEmpty() ? "-" : r.rule()),
            new Column("feedback sent", 80, Row::feedback),
            new Column("provider's answer", 90, r -> r.answer().isEmpty() ? "-" : r.answer()),
            new Column("check", 200, r -> r.ok() ? "ok" : "WRONG: " + r.problem()));

    private ResultTable() {
    }

    static void print(PrintStream out, List<Row> rows) {
        int[] widths = new int[COLUMNS.size()];
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            String[] line = new String[COLUMNS.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = cut(COLUMNS.get(i).cell().apply(row), COLUMNS.get(i).maxWidth());
            }
            cells.add(line);
        }
        for (int i = 0; i < widths.length; i++) {
            widths[i] = COLUMNS.get(i).header().length();
            for (String[] line : cells) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        String[] header = COLUMNS.stream().map(Column::header).toArray(String[]::new);
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        out.println(format(header, widths));
        out.println(format(rule, widths));
        cells.forEach(line -> out.println(format(line, widths)));
    }

    private static String format(String[] line, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            boolean last = i == line.length - 1;
            s.append(last ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
        }
        return s.toString().stripTrailing();
    }

    private static String cut(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
