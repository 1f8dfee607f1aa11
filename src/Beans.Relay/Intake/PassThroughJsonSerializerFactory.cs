using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace Beans.Relay.Intake;

/// <summary>Registers <see cref="PassThroughJsonDeserializer"/> for <c>application/json</c>.</summary>
internal sealed class PassThroughJsonSerializerFactory : ISerializerFactory
{
    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    public IMessageSerializer CreateSerializer() =>
        new SystemTextJsonRawMessageSerializer(RawSerializerOptions.AnyMessageType);

    public IMessageDeserializer CreateDeserializer() => new PassThroughJsonDeserializer();
}
