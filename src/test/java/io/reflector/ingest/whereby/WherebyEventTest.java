package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WherebyEventTest {

    @Test
    void aClientEventCarriesTheMeetingAndItsCount() {
        WherebyEvent event = parse("""
                {"apiVersion":"1.0","id":"evt-1","createdAt":"2025-10-08T12:00:00.000Z","type":"room.client.joined",
                 "data":{"meetingId":"123","roomName":"/standup-1","numClients":2}}""");

        assertThat(event).isEqualTo(new WherebyEvent("evt-1", "room.client.joined", new MeetingClientCount("123", 2)));
    }

    @Test
    void otherTypesCarryNoCountAndNeedNoParticularData() {
        WherebyEvent event = parse("{\"id\":\"evt-2\",\"type\":\"room.session.ended\",\"data\":{}}");

        assertThat(event).isEqualTo(new WherebyEvent("evt-2", "room.session.ended", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                              | body is empty
            '{"id": '                                                                       | not valid JSON at line 1
            '{"id":"e","type":"t","data":{}} trailing'                                      | not valid JSON
            '[]'                                                                            | must be a JSON object, got array
            '{"type":"t","data":{}}'                                                        | has no 'id'
            '{"id":7,"type":"t","data":{}}'                                                 | 'id' must be a string, got number 7
            '{"id":"e","data":{}}'                                                          | has no 'type'
            '{"id":"e","type":" ","data":{}}'                                               | 'type' is blank
            '{"id":"e","type":"t"}'                                                         | has no 'data'
            '{"id":"e","type":"t","data":"x"}'                                              | 'data' must be a JSON object, got string "x"
            '{"id":"e","type":"room.client.left","data":{"numClients":1}}'                  | has no 'data.meetingId'
            '{"id":"e","type":"room.client.left","data":{"meetingId":"m"}}'                 | has no 'data.numClients'
            '{"id":"e","type":"room.client.left","data":{"meetingId":"m","numClients":-1}}' | 'data.numClients' must be a whole number of clients, got number -1
            '{"id":"e","type":"room.client.left","data":{"meetingId":"m","numClients":"2"}}'| 'data.numClients' must be a whole number of clients, got string "2"
            """)
    void aMalformedBodyIsRefusedNamingTheProblem(String body, String problem) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(InvalidWherebyEventException.class)
                .hasMessageContaining(problem);
    }

    private static WherebyEvent parse(String body) {
        return WherebyEvent.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
