package io.reflector.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reflector.ingest.s3.S3EventNotification.ObjectCreated;
import io.reflector.ingest.s3.S3EventNotification.RecordProblem;

class S3EventNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** As S3 sends it: the key form-encoded, ':' as %3A. */
    private static final String PUT = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
              "eventTime":"2025-10-08T12:00:05.123Z","eventName":"ObjectCreated:Put",
              "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},
              "requestParameters":{"sourceIPAddress":"203.0.113.7"},
              "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"recordings",
                "bucket":{"name":"whereby-recordings","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
                          "arn":"arn:aws:s3:::whereby-recordings"},
                "object":{"key":"sales-9f1c-2025-10-08T12%3A00%3A00Z.mp4","size":1048576,
                          "eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}
            """;

    @Test
    void readsAnObjectCreatedRecord() {
        S3EventNotification notification = S3EventNotification.parse(PUT);

        assertThat(notification.testEvent()).isFalse();
        assertThat(notification.problems()).isEmpty();
        assertThat(notification.ignoredRecords()).isZero();
        assertThat(notification.objectsCreated()).containsExactly(new ObjectCreated(
                "whereby-recordings", "sales-9f1c-2025-10-08T12:00:00Z.mp4", OptionalLong.of(1048576),
                Optional.of("0055AED6DCD90281E5"), "ObjectCreated:Put",
                Optional.of(Instant.parse("2025-10-08T12:00:05.123Z"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "team+standup-x-2025-10-08T12%3A00%3A00Z.mp4   | team standup-x-2025-10-08T12:00:00Z.mp4",
            "a%2Bb.mp4                                     | a+b.mp4",
            "caf%C3%A9-%C3%A9quipe.mp4                     | café-équipe.mp4",
            "emoji-%F0%9F%98%80.mp4                        | emoji-😀.mp4",
            "folder%2Fsub/key+with+%2B.mp4                 | folder/sub/key with +.mp4",
            "plain.mp4                                     | plain.mp4"})
    void decodesKeysWithFormSemantics(String encoded, String decoded) {
        S3EventNotification notification = S3EventNotification.parse(
                "{\"Records\":[" + record("ObjectCreated:Put", "b", encoded) + "]}");

        assertThat(notification.objectsCreated()).extracting(ObjectCreated::key).containsExactly(decoded);
    }

    @ParameterizedTest
    @CsvSource({"ObjectCreated:Put", "ObjectCreated:Post", "ObjectCreated:Copy", "ObjectCreated:CompleteMultipartUpload"})
    void everyObjectCreatedVariantCounts(String eventName) {
        assertThat(S3EventNotification.parse("{\"Records\":[" + record(eventName, "b", "k") + "]}").objectsCreated())
                .extracting(ObjectCreated::eventName).containsExactly(eventName);
    }

    @Test
    void otherEventTypesAreCountedButNotReturned() {
        S3EventNotification notification = S3EventNotification.parse("{\"Records\":["
                + record("ObjectRemoved:Delete", "b", "gone.mp4") + ","
                + record("ObjectCreated:Put", "b", "new.mp4") + ","
                + record("ObjectRestore:Completed", "b", "old.mp4") + ","
                + record("ObjectCreatedSomething", "b", "odd.mp4") + "]}");

        assertThat(notification.objectsCreated()).extracting(ObjectCreated::key).containsExactly("new.mp4");
        assertThat(notification.ignoredRecords()).isEqualTo(3);
        assertThat(notification.problems()).isEmpty();
    }

    @Test
    void aBrokenRecordDoesNotHoldBackItsNeighbours() {
        S3EventNotification notification = S3EventNotification.parse("""
                {"Records":[
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"size":5}}},
                  %s,
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"bad%%zz"}}},
                  "not a record",
                  {"s3":{"bucket":{"name":"b"},"object":{"key":"k"}}},
                  {"eventName":"ObjectCreated:Put","s3":{"object":{"key":"k"}}},
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k","size":"big"}}},
                  {"eventName":"ObjectCreated:Put","eventTime":"yesterday","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}},
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":""}}}
                ]}
                """.formatted(record("ObjectCreated:Put", "b", "good.mp4")));

        assertThat(notification.objectsCreated()).extracting(ObjectCreated::key).containsExactly("good.mp4");
        assertThat(notification.problems()).extracting(RecordProblem::index).containsExactly(0, 2, 3, 4, 5, 6, 7, 8);
        // The JDK's own wording follows the colon; only our part is pinned.
        assertThat(notification.problems().get(1).message())
                .startsWith("Records[2]: s3.object.key 'bad%zz' is not valid URL encoding: ");
        assertThat(notification.problems()).filteredOn(problem -> problem.index() != 2)
                .extracting(RecordProblem::index, RecordProblem::message).containsExactly(
                        tuple(0, "Records[0]: s3.object.key is missing"),
                        tuple(3, "Records[3]: record must be an object, got string"),
                        tuple(4, "Records[4]: eventName is missing"),
                        tuple(5, "Records[5]: s3.bucket.name is missing"),
                        tuple(6, "Records[6]: s3.object.size must be a non-negative whole number, got \"big\""),
                        tuple(7, "Records[7]: eventTime \"yesterday\" is not an ISO-8601 instant"),
                        tuple(8, "Records[8]: s3.object.key must be a non-empty string, got \"\""));
        assertThat(notification.problems().get(0).record()).isEqualTo(
                "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"size\":5}}}");
    }

    @Test
    void anUnreadableRecordIsQuotedInAsciiWhateverItHolds() {
        S3EventNotification notification = S3EventNotification.parse("""
                {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"équipe\\u0000\\ud800"}}}]}""");

        assertThat(notification.problems()).singleElement().satisfies(problem -> assertThat(problem.record())
                .isEqualTo("{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"\\u00E9quipe\\u0000\\uD800\"}}}"));
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        S3EventNotification notification = S3EventNotification.parse(
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]}");

        assertThat(notification.objectsCreated()).containsExactly(new ObjectCreated(
                "b", "k", OptionalLong.empty(), Optional.empty(), "ObjectCreated:Put", Optional.empty()));
    }

    @Test
    void unwrapsAnSnsNotification() throws Exception {
        ObjectNode sns = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
                .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:recordings")
                .put("Subject", "Amazon S3 Notification")
                .put("Message", PUT)
                .put("Timestamp", "2025-10-08T12:00:05.200Z")
                .put("SignatureVersion", "1");

        S3EventNotification notification = S3EventNotification.parse(JSON.writeValueAsString(sns));

        assertThat(notification.objectsCreated()).extracting(ObjectCreated::bucket, ObjectCreated::key)
                .containsExactly(tuple("whereby-recordings", "sales-9f1c-2025-10-08T12:00:00Z.mp4"));
    }

    @Test
    void recognisesTheS3TestEvent() {
        String testEvent = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2025-10-08T12:00:00.000Z\","
                + "\"Bucket\":\"whereby-recordings\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}";

        S3EventNotification notification = S3EventNotification.parse(testEvent);

        assertThat(notification.testEvent()).isTrue();
        assertThat(notification.objectsCreated()).isEmpty();
        assertThat(notification.problems()).isEmpty();
    }

    @Test
    void recognisesAnSnsWrappedTestEvent() throws Exception {
        String wrapped = JSON.writeValueAsString(JSON.createObjectNode().put("Type", "Notification")
                .put("Message", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"));

        assertThat(S3EventNotification.parse(wrapped).testEvent()).isTrue();
    }

    @Test
    void anEmptyRecordsArrayIsNotAnError() {
        S3EventNotification notification = S3EventNotification.parse("{\"Records\":[]}");

        assertThat(notification.objectsCreated()).isEmpty();
        assertThat(notification.problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                                        | SQS message body is empty",
            "not json                                  | SQS message body is not valid JSON: Unrecognized token 'not'",
            "[1]                                       | SQS message body must be a JSON object, got array",
            "{\"Records\":[]} extra                    | SQS message body is not valid JSON",
            "{\"Message\":\"x\"}                       | S3 event notification has no 'Records' array and is not an s3:TestEvent; top-level fields: [Message]",
            "{\"Records\":{}}                          | S3 event notification 'Records' must be an array, got object",
            "{\"Type\":\"SubscriptionConfirmation\"}   | SNS message of Type \"SubscriptionConfirmation\" is not a Notification",
            "{\"Type\":\"Notification\"}               | SNS Notification has no string 'Message' holding the S3 event",
            "{\"Type\":\"Notification\",\"Message\":\"oops\"} | SNS Notification 'Message' is not valid JSON"})
    void namesWhatIsWrongWithAMalformedBody(String body, String messageStart) {
        assertThatThrownBy(() -> S3EventNotification.parse(body))
                .isInstanceOf(MalformedS3EventException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void theListsCannotBeModified() {
        S3EventNotification notification = S3EventNotification.parse(PUT);

        assertThatThrownBy(() -> notification.objectsCreated().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static String record(String eventName, String bucket, String encodedKey) {
        return """
                {"eventName":"%s","eventTime":"2025-10-08T12:00:05Z",\
                "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":1,"sequencer":"01"}}}"""
                .formatted(eventName, bucket, encodedKey);
    }
}
