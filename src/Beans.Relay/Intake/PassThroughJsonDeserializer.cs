using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace Beans.Relay.Intake;

/// <summary>
/// A deserializer for plain JSON that does not parse the body: it hands the consumer an empty
/// message and leaves the bytes on the receive context. MassTransit's own raw deserializer parses
/// first, and a malformed body would fault before the relay could say which field is wrong.
/// </summary>
internal sealed class PassThroughJsonDeserializer : IMessageDeserializer
{
    private static readonly MessageBody EmptyObject = new StringMessageBody("{}");

    private readonly SystemTextJsonRawMessageSerializer _inner = new(RawSerializerOptions.AnyMessageType);

    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    public void Probe(ProbeContext context) => context.Add("contentType", ContentType.MediaType);

    public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
        new BodyConsumeContext(
            receiveContext,
            Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null) =>
        _inner.Deserialize(EmptyObject, headers, destinationAddress);

    public MessageBody GetMessageBody(string text) => _inner.GetMessageBody(text);
}
