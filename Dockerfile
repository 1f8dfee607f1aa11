# Beans.Relay as a container: build with the SDK, run on the ASP.NET Core runtime as a non-root user.
# Configuration comes from environment variables only (Beans__SecretKey, RabbitMq__Url, ...);
# no secret is part of the image. See docs/readme/container.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so that a code change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props appsettings.json ./
COPY src/Beans.Relay.Contracts/Beans.Relay.Contracts.csproj src/Beans.Relay.Contracts/
COPY src/Beans.Relay/Beans.Relay.csproj src/Beans.Relay/
RUN dotnet restore src/Beans.Relay/Beans.Relay.csproj

COPY src/ src/
RUN dotnet publish src/Beans.Relay/Beans.Relay.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The outbox lives on a volume owned by the image's non-root user (APP_UID, "app"); a new named
# volume takes this ownership when it is first mounted.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data

ENV Outbox__DatabasePath=/data/relay.db \
    Ops__Urls=http://0.0.0.0:8080
EXPOSE 8080

COPY --from=build /app ./
USER $APP_UID

# The runtime image has no curl or wget: the relay asks its own /health/live.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "/app/Beans.Relay.dll", "healthcheck"]

# Exec form, so the relay is PID 1 and receives SIGTERM itself. It may take
# Delivery:ShutdownTimeout (20 s) and more to stop: give `docker stop` a longer grace period.
ENTRYPOINT ["dotnet", "/app/Beans.Relay.dll"]
