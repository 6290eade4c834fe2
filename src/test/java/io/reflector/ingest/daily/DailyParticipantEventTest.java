package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.TestEnvelopes.SENT_AT;
import static io.reflector.ingest.daily.TestEnvelopes.sent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DailyParticipantEventTest {

    @Test
    void aJoinNamesItsRoomSessionUserAndTime() {
        DailyParticipantEvent joined = parse("participant.joined", """
                {"room": "standup-20260115120000", "session_id": "s-1", "user_id": "u-1", "user_name": "Ada",
                 "joined_at": 1708972279.961, "will_eject_at": 0, "owner": false}""");

        assertThat(joined.roomName()).isEqualTo("standup-20260115120000");
        assertThat(joined.sessionId()).isEqualTo("s-1");
        assertThat(joined.userId()).isEqualTo("u-1");
        assertThat(joined.userName()).isEqualTo("Ada");
        assertThat(joined.joinedAt()).isEqualTo(Instant.parse("2024-02-26T18:31:19.961Z"));
        assertThat(joined.leftAt()).isNull();
        assertThat(joined.identifiesASession()).isTrue();
    }

    @Test
    void theRoomMayAlsoComeAsRoomName() {
        assertThat(parse("participant.joined", "{\"room_name\": \"standup-20260115120000\", \"session_id\": \"s\"}")
                .roomName()).isEqualTo("standup-20260115120000");
    }

    @Test
    void aLeaveEndsDurationAfterTheJoin() {
        DailyParticipantEvent left = parse("participant.left",
                "{\"room\": \"r\", \"session_id\": \"s\", \"joined_at\": 1708972279.961, \"duration\": 12.5}");

        assertThat(left.joinedAt()).isEqualTo(Instant.parse("2024-02-26T18:31:19.961Z"));
        assertThat(left.leftAt()).isEqualTo(Instant.parse("2024-02-26T18:31:32.461Z"));
    }

    @Test
    void aLeaveWithoutDurationOrJoinTimeEndsWhenDailySentIt() {
        DailyParticipantEvent withoutDuration = parse("participant.left",
                "{\"room\": \"r\", \"session_id\": \"s\", \"joined_at\": 1708972279}");
        DailyParticipantEvent withoutJoin = parse("participant.left",
                "{\"room\": \"r\", \"session_id\": \"s\", \"duration\": 12}");

        assertThat(withoutDuration.joinedAt()).isEqualTo(Instant.ofEpochSecond(1708972279));
        assertThat(withoutDuration.leftAt()).isEqualTo(SENT_AT);
        assertThat(withoutJoin.joinedAt()).isNull();
        assertThat(withoutJoin.leftAt()).isEqualTo(SENT_AT);
    }

    @Test
    void aJoinWithoutJoinTimeJoinedWhenDailySentIt() {
        assertThat(parse("participant.joined", "{\"room\": \"r\", \"session_id\": \"s\"}").joinedAt())
                .isEqualTo(SENT_AT);
    }

    @Test
    void missingOrMistypedFieldsAreNullAndWithoutRoomOrSessionNothingIsIdentified() {
        DailyParticipantEvent noSession = parse("participant.joined",
                "{\"room\": \"r\", \"session_id\": 7, \"user_name\": \"\", \"joined_at\": \"yesterday\"}");
        DailyParticipantEvent noRoom = parse("participant.left", "{\"session_id\": \"s\"}");

        assertThat(noSession.sessionId()).isNull();
        assertThat(noSession.userName()).isNull();
        assertThat(noSession.identifiesASession()).isFalse();
        assertThat(noRoom.identifiesASession()).isFalse();
    }

    @Test
    void theSessionCarriesWhatTheEventSays() {
        DailyParticipantEvent left = parse("participant.left", """
                {"room": "r", "session_id": "s", "user_id": "u", "joined_at": 1708972279, "duration": 1}""");

        assertThat(left.session().sessionId()).isEqualTo("s");
        assertThat(left.session().userId()).isEqualTo("u");
        assertThat(left.session().userName()).isNull();
        assertThat(left.session().joinedAt()).isEqualTo(Instant.ofEpochSecond(1708972279));
        assertThat(left.session().leftAt()).isEqualTo(Instant.ofEpochSecond(1708972280));
    }

    private static DailyParticipantEvent parse(String type, String payload) {
        return DailyParticipantEvent.parse(sent(type, payload));
    }
}
