package io.reflector.ingest.daily;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.store.Participant;

/**
 * Names the speakers of a Daily recording (spec §4.6): track i is speaker i; the participant id comes from the track
 * key and the name from Daily's REST API when a key is configured, else "Speaker i". Asking Daily never fails
 * a recording: any error falls back to the generic names.
 */
@Component
public class DailyParticipantNames {
    private static final Logger log = LoggerFactory.getLogger(DailyParticipantNames.class);

    private final DailyApiClient daily;

    public DailyParticipantNames(DailyApiClient daily) {
        this.daily = daily;
    }

    public List<Participant> forTracks(String recordingId, List<String> trackKeys) {
        Map<String, DailyParticipant> known = lookUp(recordingId);
        List<Participant> participants = new ArrayList<>();
        for (int speaker = 0; speaker < trackKeys.size(); speaker++) {
            String participantId = DailyTrackKey.tryParse(trackKeys.get(speaker)).map(DailyTrackKey::participantId)
                    .orElse(null);
            DailyParticipant found = participantId == null ? null : known.get(participantId);
            String name = found != null && found.userName() != null && !found.userName().isBlank()
                    ? found.userName() : "Speaker " + speaker;
            participants.add(new Participant(participantId, speaker, name, found == null ? null : found.userId()));
        }
        return participants;
    }

    private Map<String, DailyParticipant> lookUp(String recordingId) {
        if (!daily.isConfigured()) {
            return Map.of();
        }
        try {
            return daily.meetingSessionId(recordingId)
                    .map(session -> daily.participants(session).stream()
                            .filter(p -> p.participantId() != null)
                            .collect(Collectors.toMap(DailyParticipant::participantId, Function.identity(), (a, b) -> b)))
                    .orElseGet(() -> {
                        log.info("Daily recording {} has no meeting session id; speakers keep generic names", recordingId);
                        return Map.of();
                    });
        } catch (DailyApiException e) {
            log.warn("Participant names of Daily recording {} unavailable, using generic names: {}", recordingId,
                    e.getMessage());
            return Map.of();
        }
    }
}
