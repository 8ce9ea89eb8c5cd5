using System.Globalization;
using System.Text.Json;

namespace RealtimeSales.Kafka;

/// <summary>
/// The numbers the metrics take from one librdkafka statistics report (its JSON is documented in librdkafka's
/// STATISTICS.md): cumulative request, byte and message totals, the queues, and per partition the consumer lag.
/// </summary>
/// <param name="Client">The client's handle name (<c>rdkafka#producer-1</c>), unique in the process.</param>
/// <param name="Type"><c>producer</c> or <c>consumer</c>.</param>
/// <param name="ReplyQueue">Callbacks and events waiting for the application (<c>replyq</c>).</param>
/// <param name="QueuedMessages">Messages in the producer's queues (<c>msg_cnt</c>).</param>
/// <param name="QueuedBytes">Their bytes (<c>msg_size</c>).</param>
/// <param name="Requests">Requests sent to brokers so far (<c>tx</c>).</param>
/// <param name="RequestBytes">Their bytes (<c>tx_bytes</c>).</param>
/// <param name="Responses">Responses received so far (<c>rx</c>).</param>
/// <param name="ResponseBytes">Their bytes (<c>rx_bytes</c>).</param>
/// <param name="MessagesSent">Messages sent so far (<c>txmsgs</c>).</param>
/// <param name="MessagesReceived">Messages received so far (<c>rxmsgs</c>).</param>
/// <param name="ConsumerLag">Per assigned partition, messages behind the end of the log.</param>
internal sealed record KafkaStatistics(
    string Client,
    string Type,
    long ReplyQueue,
    long QueuedMessages,
    long QueuedBytes,
    long Requests,
    long RequestBytes,
    long Responses,
    long ResponseBytes,
    long MessagesSent,
    long MessagesReceived,
    IReadOnlyList<PartitionLag> ConsumerLag)
{
    /// <exception cref="JsonException">The report is not JSON, or misses a field every report has.</exception>
    public static KafkaStatistics Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        List<PartitionLag> lag = [];
        if (root.TryGetProperty("topics", out var topics))
        {
            foreach (var topic in topics.EnumerateObject())
            {
                foreach (var partition in topic.Value.GetProperty("partitions").EnumerateObject())
                {
                    // -1 is librdkafka's internal "unassigned" partition; -1 as lag means "not known (yet)".
                    if (int.TryParse(partition.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
                        && partition.Value.TryGetProperty("consumer_lag", out var consumerLag) && consumerLag.GetInt64() >= 0)
                    {
                        lag.Add(new PartitionLag(topic.Name, number, consumerLag.GetInt64()));
                    }
                }
            }
        }

        return new KafkaStatistics(
            root.GetProperty("name").GetString() ?? "",
            root.GetProperty("type").GetString() ?? "",
            Long(root, "replyq"),
            Long(root, "msg_cnt"),
            Long(root, "msg_size"),
            Long(root, "tx"),
            Long(root, "tx_bytes"),
            Long(root, "rx"),
            Long(root, "rx_bytes"),
            Long(root, "txmsgs"),
            Long(root, "rxmsgs"),
            lag);
    }

    private static long Long(JsonElement root, string name) => root.GetProperty(name).GetInt64();
}
