package dev.cbagent.api;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QueryTest {

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(Filter.eq("web-01"), "web-01", "web-01"),
                Arguments.of(Filter.ne("43ddaaef"), "ne(43ddaaef)", "ne(43ddaaef)"),
                Arguments.of(Filter.ge("2009-11-10T23:00:00Z"), "ge(2009-11-10T23%3A00%3A00Z)", "ge(2009-11-10T23:00:00Z)"),
                Arguments.of(Filter.gt("5"), "gt(5)", "gt(5)"),
                Arguments.of(Filter.le("5"), "le(5)", "le(5)"),
                Arguments.of(Filter.lt("1568822944000000ns"), "lt(1568822944000000ns)", "lt(1568822944000000ns)"),
                Arguments.of(Filter.range("1", "9"), "range(1,9)", "range(1,9)"),
                Arguments.of(Filter.xrange("a", "b"), "xrange(a,b)", "xrange(a,b)"),
                Arguments.of(Filter.like("lap"), "like(lap)", "like(lap)"),
                Arguments.of(Filter.hlike("CEO"), "hlike(CEO)", "hlike(CEO)"),
                Arguments.of(Filter.tlike("top"), "tlike(top)", "tlike(top)"),
                Arguments.of(Filter.and(Filter.hlike("hit"), Filter.like("jar")), "and(hlike(hit),like(jar))",
                        "and(hlike(hit),like(jar))"),
                Arguments.of(Filter.or(List.of("Critical data", "CEO laptop")), "or(Critical%20data,CEO%20laptop)",
                        "or(Critical data,CEO laptop)"),
                Arguments.of(Filter.eq("a,b"), "a%2Cb", "a,b"),
                Arguments.of(Filter.or(List.of("a,b", "c")), "or(a%2Cb,c)", "or(a,b,c)"),
                Arguments.of(Filter.eq("web (old)"), "web%20%28old%29", "web (old)"),
                Arguments.of(Filter.eq("ne(x)"), "ne%28x%29", "ne(x)"),
                Arguments.of(Filter.eq("a&b=c"), "a%26b%3Dc", "a&b=c"),
                Arguments.of(Filter.eq("сервер-01"), "%D1%81%D0%B5%D1%80%D0%B2%D0%B5%D1%80-01", "сервер-01"),
                Arguments.of(Filter.eq("100%+x"), "100%25%2Bx", "100%+x"),
                Arguments.of(Filter.eq("~a_b.c-d"), "~a_b.c-d", "~a_b.c-d"));
    }

    @ParameterizedTest(name = "{2} is sent as {1}")
    @MethodSource("filters")
    void a_filter_is_encoded_with_literal_syntax_and_escaped_values(Filter filter, String encoded, String readable) {
        assertEquals(encoded, filter.encoded());
        assertEquals(readable, filter.toString());
    }

    @Nested
    class A_query {
        @Test
        void joins_parameters_in_the_order_given() {
            Query query = Query.empty().eq("type", "resource.machine").where("name", Filter.or(List.of("a", "B"))).limit(50);
            assertEquals("type=resource.machine&name=or(a,B)&limit=50", query.encode());
        }

        @Test
        void url_encodes_the_after_cursor_and_replaces_an_earlier_one() {
            Query query = Query.empty().limit(10).after("first").after("0A8A+/AA==");
            assertEquals("limit=10&after=0A8A%2B%2FAA%3D%3D", query.encode());
        }

        @Test
        void renders_sort_keys() {
            assertEquals("order=asc(date_of_birth),desc(zip_code)",
                    Query.empty().order(Order.asc("date_of_birth"), Order.desc("zip_code")).encode());
        }

        @Test
        void is_empty_without_parameters() {
            assertEquals("", Query.empty().encode());
        }

        @Test
        void always_makes_a_valid_uri() {
            Query query = Query.empty().eq("name", "a b,(c)&d=e \"f\" {g} |h| ^i` \\j сервер #k ?l");
            assertDoesNotThrow(() -> URI.create("http://127.0.0.1:1/api/v1/resources?" + query.encode()));
        }

        @Test
        void refuses_a_limit_below_one() {
            assertThrows(IllegalArgumentException.class, () -> Query.empty().limit(0));
        }

        @Test
        void refuses_operators_without_values() {
            assertThrows(IllegalArgumentException.class, Filter::or);
        }
    }
}
