import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from './botbuilder-parts';
import {
  ClaimsIdentity,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { BoundedMap } from '../core/bounded-map';
import { isDomainError } from '../core/errors';
import { TEXT_LIMITS } from '../core/text-rules';
import type { BotAuthSettings } from '../host/config';
import type { Log as Logger } from '../core/log';
import {
  BOT_FRAMEWORK_OPENID_METADATA_URL,
  BotFrameworkTokenVerifier,
} from './bot-framework-token';

export const TURN_ERROR_REPLY =
  "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.";

/** The longest message text the bot reads: the longest text it stores anywhere. */
export const MAX_MESSAGE_TEXT_LENGTH = TEXT_LIMITS.discussion;

/** What the bot answers a message longer than {@link MAX_MESSAGE_TEXT_LENGTH}. */
export function messageTooLongReply(length: number): string {
  return (
    `That message is too long for me: ${length.toLocaleString('en-GB')} characters, and I read ` +
    `at most ${MAX_MESSAGE_TEXT_LENGTH.toLocaleString('en-GB')}. Shorten it and send it again.`
  );
}

// The scope the bot asks for when it calls the connector (botbuilder's ToChannelFromBotOAuthScope).
const CHANNEL_OAUTH_SCOPE = 'https://api.botframework.com';

/**
 * botbuilder's CloudAdapter, for `POST /api/messages` through {@link handleIncoming}. With an
 * app id every incoming activity must carry a valid Bot Framework token (see
 * {@link BotFrameworkTokenVerifier}); without one it is anonymous, which is only for the local
 * Playground and tests.
 */
export class TeamsAdapter extends CloudAdapter {
  /**
   * Authenticates one activity and runs it through `logic`; for an invoke, returns its answer.
   * The activity's envelope (type, channel, serviceUrl, conversation, sender) is checked by the
   * caller.
   *
   * @throws TokenRejectedError when the token is not valid (answer 401).
   * @throws SigningKeysUnavailableError when the signing keys cannot be fetched (answer 503).
   */
  handleIncoming(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, withDates(activity), logic);
  }
}

/**
 * The CloudAdapter, with the token check and the apology for a failed turn; a message longer
 * than the bot reads is answered with {@link messageTooLongReply} and goes no further.
 */
export function createAdapter(auth: BotAuthSettings | undefined, log: Logger): TeamsAdapter {
  const adapter = new TeamsAdapter(
    auth
      ? new TeamsAuthentication(
          {
            MicrosoftAppId: auth.appId,
            MicrosoftAppPassword: auth.appPassword,
            MicrosoftAppType: auth.appType,
            MicrosoftAppTenantId: auth.tenantId,
          },
          new BotFrameworkTokenVerifier({
            appId: auth.appId,
            openIdMetadataUrl: auth.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA_URL,
            keyFetchTimeoutMs: auth.keyFetchTimeoutMs,
          }),
        )
      : new TeamsAuthentication({}),
  );
  adapter.use(async (context, next) => {
    const { activity } = context;
    const length = typedLength(activity);
    if (activity.type !== 'message' || length <= MAX_MESSAGE_TEXT_LENGTH) {
      await next();
      return;
    }
    log.info({ length, conversationId: activity.conversation?.id }, 'message refused: too long');
    await context.sendActivity(MessageFactory.text(messageTooLongReply(length)));
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    log.error(
      {
        err: error,
        errorCode: isDomainError(error) ? error.code : undefined,
        activity: {
          type: activity.type,
          name: activity.name,
          id: activity.id,
          conversationId: activity.conversation?.id,
          conversationType: activity.conversation?.conversationType,
          fromId: activity.from?.id,
        },
      },
      'turn failed',
    );
    // An invoke is answered by its status code; a message for it would land as a stray reply.
    if (activity.type === 'invoke') return;
    try {
      await context.sendActivity(MessageFactory.text(TURN_ERROR_REPLY));
    } catch (sendError) {
      log.error({ err: sendError }, 'could not send the apology for a failed turn');
    }
  };
  return adapter;
}

/**
 * botbuilder's authentication from settings (it still makes the credentials for calls to the
 * connector), with incoming channel tokens checked by {@link BotFrameworkTokenVerifier} when
 * there are credentials (none: anonymous, for the local Playground and tests).
 *
 * botbuilder builds a connector client and a user token client for every turn and every
 * continuation (a quarter of a millisecond and a pipeline of objects each); they hold nothing of
 * the turn, only the bot's credentials and the service URL, so one per app id and service URL is
 * kept and reused. Their credentials then keep their token between turns too.
 */
class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorFactories = new BoundedMap<ConnectorFactory>({ most: CLIENTS_KEPT });
  private readonly userTokenClients = new BoundedMap<Promise<UserTokenClient>>({
    most: CLIENTS_KEPT,
  });

  constructor(
    settings: Record<string, string | undefined>,
    private readonly verifier?: BotFrameworkTokenVerifier,
  ) {
    super(settings);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    if (!this.verifier) {
      const result = await super.authenticateRequest(activity, authHeader);
      return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
    }
    const claims = await this.verifier.verify(authHeader, {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
    });
    const claimsIdentity = new ClaimsIdentity(
      Object.entries(claims).map(([type, value]) => ({
        type,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
      true,
    );
    return {
      audience: CHANNEL_OAUTH_SCOPE,
      callerId: CallerIdConstants.PublicAzureChannel,
      claimsIdentity,
      connectorFactory: this.createConnectorFactory(claimsIdentity),
    };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.connectorFactories.getOrSet(appIdOf(claimsIdentity), () =>
      kept(super.createConnectorFactory(claimsIdentity)),
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const made = this.userTokenClients.getOrSet(appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
    made.catch(() => this.userTokenClients.delete(appIdOf(claimsIdentity), made));
    return made;
  }
}

/** Clients kept per app id or service URL: Teams has a handful of service URLs. */
const CLIENTS_KEPT = 64;

/** A connector factory that makes one client per service URL and audience, and reuses it. */
function kept(factory: ConnectorFactory): ConnectorFactory {
  const clients = new BoundedMap<Promise<ConnectorClient>>({ most: CLIENTS_KEPT });
  return new (class extends ConnectorFactory {
    create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      const key = `${serviceUrl}\n${audience ?? ''}`;
      const made = clients.getOrSet(key, () => factory.create(serviceUrl, audience));
      made.catch(() => clients.delete(key, made));
      return made;
    }
  })();
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

/** How much text the sender typed: the message text without the @mentions Teams puts in it. */
function typedLength(activity: Activity): number {
  if (typeof activity.text !== 'string') return 0;
  return activity.text.replace(/<at>[^<]*<\/at>/g, '').trim().length;
}

/** As botbuilder's CloudAdapter.process does: ISO date strings become Dates, the raw kept. */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value: unknown = fixed[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return activity;
}
