namespace Beans.Relay.Mapping;

/// <summary>The hook paths Beans documents, relative to <c>Beans:BaseUrl</c>.</summary>
public static class BeansHooks
{
    public const string CustomerCreated = "customer/hook_created";
    public const string CustomerDeleted = "customer/hook_deleted";
    public const string OrderCreated = "order/hook_created";
}
