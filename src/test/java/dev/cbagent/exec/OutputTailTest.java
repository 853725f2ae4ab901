package dev.cbagent.exec;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OutputTailTest {
    @Test
    void keeps_the_last_ten_non_blank_lines() {
        OutputTail tail = new OutputTail();
        IntStream.rangeClosed(1, 15).forEach(i -> {
            tail.add("line " + i);
            tail.add("   ");
        });

        assertEquals(IntStream.rangeClosed(6, 15).mapToObj(i -> "line " + i).toList(), tail.lines());
    }

    @Test
    void control_characters_of_the_program_are_shown_as_question_marks() {
        OutputTail tail = new OutputTail();
        tail.add("\u001b[2Jcleared\u0007 \u202eevil");

        assertEquals(List.of("?[2Jcleared? ?evil"), tail.lines());
    }

    @Test
    void a_message_quotes_the_last_three_lines() {
        assertEquals("; its last lines: b | c | d", OutputTail.quoted(List.of("a", "b", "c", "d")));
        assertEquals("", OutputTail.quoted(List.of()));
    }

    @Test
    void the_last_lines_of_a_text_skip_blank_ones() {
        assertEquals(List.of("two", "three"), OutputTail.lastLines("one\n\ntwo\n  \nthree\n", 2));
        assertEquals(List.of(), OutputTail.lastLines(null, 2));
    }
}
