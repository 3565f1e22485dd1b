import { buyerTimeZone } from "../geo";
import { format, type Money } from "../money";
import type { IncidentCause } from "../orders";
import type { CompensationKind } from "./index";

/**
 * The ready-to-send buyer messages of the remedy plan, in English and the buyer's likely language. Each says only
 * what is true of the order when it is read: whose fault the delay was only for a human error, that it shipped late
 * (with its tracking) only once it did, and no delay at all before `shipBy`.
 */

/** A ready-to-send message for the buyer. */
export interface BuyerMessage {
  /** BCP 47 language of the text, e.g. `en`, `es`. */
  language: string;
  text: string;
}

export type TemplateName =
  | "apology"
  | "delayApology"
  | "checkingApology"
  | "systemApology"
  | "shippedApology"
  | "shippedDelayApology"
  | "shippedSystemApology"
  | "shippedAwaitingTracking"
  | "priority"
  | "tracking"
  | "compensation";

/** Only a human error is admitted as the seller's mistake; a cause not known yet is not blamed on anyone. */
const APOLOGY_BY_CAUSE: Record<IncidentCause, TemplateName> = {
  HUMAN_ERROR: "apology",
  SYSTEM_ERROR: "systemApology",
  SUSPECTED_PLATFORM_ERROR: "checkingApology",
  UNKNOWN: "delayApology",
};

/** The same, once the order shipped late with tracking: it shipped late, and here is the tracking. */
const SHIPPED_APOLOGY_BY_CAUSE: Record<IncidentCause, TemplateName> = {
  HUMAN_ERROR: "shippedApology",
  SYSTEM_ERROR: "shippedSystemApology",
  SUSPECTED_PLATFORM_ERROR: "shippedDelayApology",
  UNKNOWN: "shippedDelayApology",
};

/**
 * Where the order stands, for the message that first contacts the buyer: shipped with tracking, shipped (late) with
 * no tracking number yet, before `shipBy`, or late and unshipped.
 */
export type OrderStanding = "BEFORE_SHIP_BY" | "LATE_UNSHIPPED" | "SHIPPED_AWAITING_TRACKING" | "SHIPPED";

/**
 * The message that first contacts the buyer, from where the order stands (the guide: apologise honestly, explain why,
 * give accurate shipping information): shipped with tracking, it shipped late and here is the tracking; shipped with
 * no tracking number yet, it shipped late on that day (with that carrier) and the number follows
 * (`awaitingTrackingMessages`), never that it will ship; before `shipBy` (a problem found while there is still time),
 * it will ship with priority, no delay owned that has not happened; late and unshipped, the apology for the cause.
 */
export function contactTemplate(cause: IncidentCause, standing: OrderStanding): TemplateName {
  if (standing === "SHIPPED") return SHIPPED_APOLOGY_BY_CAUSE[cause];
  if (standing === "SHIPPED_AWAITING_TRACKING") return "shippedAwaitingTracking";
  if (standing === "BEFORE_SHIP_BY") return "priority";
  return APOLOGY_BY_CAUSE[cause];
}

const TEMPLATES: Record<string, Record<TemplateName, string>> = {
  en: {
    apology:
      "Dear customer, we are very sorry: your order {order} has not shipped on time, and that is our mistake. We " +
      "are processing it with priority now and will send you the tracking number as soon as it ships.",
    delayApology:
      "Dear customer, we are very sorry that your order {order} has not shipped on time. We are processing it " +
      "with priority now and will send you the tracking number as soon as it ships.",
    checkingApology:
      "Dear customer, we are very sorry that your order {order} has not shipped on time. We are checking with the " +
      "platform's support what delayed it, and we are processing your order with priority; you will get the " +
      "tracking number as soon as it ships.",
    systemApology:
      "Dear customer, we are very sorry: a problem with the order system delayed your order {order}. We have " +
      "contacted the platform's support (ticket {ticket}) and are shipping your order with priority.",
    shippedApology:
      "Dear customer, we are very sorry: your order {order} shipped late, and that is our mistake. It is now on its " +
      "way with {carrier}. Tracking number: {tracking}.",
    shippedDelayApology:
      "Dear customer, we are very sorry that your order {order} shipped late. It is now on its way with {carrier}. " +
      "Tracking number: {tracking}.",
    shippedSystemApology:
      "Dear customer, we are very sorry: a problem with the order system delayed your order {order}, which shipped " +
      "late. It is now on its way with {carrier}. Tracking number: {tracking}.",
    shippedAwaitingTracking:
      "Dear customer, we are very sorry that your order {order} shipped late: it left on {date}{withCarrier}. We " +
      "will send you the tracking number as soon as the carrier gives it to us.",
    priority:
      "Dear customer, thank you for your order {order}. We are processing it with priority and will send you the " +
      "tracking number as soon as it ships.",
    tracking:
      "Dear customer, your order {order} is on its way with {carrier}. Tracking number: {tracking}. Thank you for " +
      "your patience.",
    compensation:
      "Dear customer, to apologise for the delay of order {order}, we would like to offer you {offer}. Thank you " +
      "for your understanding.",
  },
  es: {
    apology:
      "Estimado cliente, lo sentimos mucho: su pedido {order} no se envió a tiempo por un error nuestro. Lo " +
      "estamos procesando con prioridad y le enviaremos el número de seguimiento en cuanto salga.",
    delayApology:
      "Estimado cliente, sentimos mucho que su pedido {order} no se haya enviado a tiempo. Lo estamos procesando " +
      "con prioridad y le enviaremos el número de seguimiento en cuanto salga.",
    checkingApology:
      "Estimado cliente, sentimos mucho que su pedido {order} no se haya enviado a tiempo. Estamos verificando " +
      "con el soporte de la plataforma qué lo retrasó y procesamos su pedido con prioridad; recibirá el número de " +
      "seguimiento en cuanto salga.",
    systemApology:
      "Estimado cliente, lo sentimos mucho: un problema del sistema de pedidos retrasó su pedido {order}. Hemos " +
      "contactado con el soporte de la plataforma (ticket {ticket}) y enviaremos su pedido con prioridad.",
    shippedApology:
      "Estimado cliente, lo sentimos mucho: su pedido {order} se envió con retraso por un error nuestro. Ya está en " +
      "camino con {carrier}. Número de seguimiento: {tracking}.",
    shippedDelayApology:
      "Estimado cliente, sentimos mucho que su pedido {order} se haya enviado con retraso. Ya está en camino con " +
      "{carrier}. Número de seguimiento: {tracking}.",
    shippedSystemApology:
      "Estimado cliente, lo sentimos mucho: un problema del sistema de pedidos retrasó el envío de su pedido " +
      "{order}. Ya está en camino con {carrier}. Número de seguimiento: {tracking}.",
    shippedAwaitingTracking:
      "Estimado cliente, sentimos mucho que su pedido {order} se haya enviado con retraso: salió el {date}" +
      "{withCarrier}. Le enviaremos el número de seguimiento en cuanto la empresa de transporte nos lo facilite.",
    priority:
      "Estimado cliente, gracias por su pedido {order}. Lo estamos procesando con prioridad y le enviaremos el " +
      "número de seguimiento en cuanto salga.",
    tracking:
      "Estimado cliente, su pedido {order} está en camino con {carrier}. Número de seguimiento: {tracking}. Gracias " +
      "por su paciencia.",
    compensation:
      "Estimado cliente, para disculparnos por el retraso del pedido {order}, queremos ofrecerle {offer}. Gracias " +
      "por su comprensión.",
  },
  fr: {
    apology:
      "Cher client, nous sommes désolés : votre commande {order} n'a pas été expédiée à temps, par notre faute. " +
      "Nous la traitons en priorité et vous enverrons le numéro de suivi dès son expédition.",
    delayApology:
      "Cher client, nous sommes désolés que votre commande {order} n'ait pas été expédiée à temps. Nous la " +
      "traitons en priorité et vous enverrons le numéro de suivi dès son expédition.",
    checkingApology:
      "Cher client, nous sommes désolés que votre commande {order} n'ait pas été expédiée à temps. Nous vérifions " +
      "avec le support de la plateforme ce qui l'a retardée et la traitons en priorité ; vous recevrez le numéro " +
      "de suivi dès son expédition.",
    systemApology:
      "Cher client, nous sommes désolés : un problème du système de commandes a retardé votre commande {order}. " +
      "Nous avons contacté le support de la plateforme (ticket {ticket}) et l'expédions en priorité.",
    shippedApology:
      "Cher client, nous sommes désolés : votre commande {order} a été expédiée en retard, par notre faute. Elle " +
      "est en route avec {carrier}. Numéro de suivi : {tracking}.",
    shippedDelayApology:
      "Cher client, nous sommes désolés que votre commande {order} ait été expédiée en retard. Elle est en route " +
      "avec {carrier}. Numéro de suivi : {tracking}.",
    shippedSystemApology:
      "Cher client, nous sommes désolés : un problème du système de commandes a retardé l'expédition de votre " +
      "commande {order}. Elle est en route avec {carrier}. Numéro de suivi : {tracking}.",
    shippedAwaitingTracking:
      "Cher client, nous sommes désolés que votre commande {order} ait été expédiée en retard : elle est partie le " +
      "{date}{withCarrier}. Nous vous enverrons le numéro de suivi dès que le transporteur nous le communiquera.",
    priority:
      "Cher client, merci pour votre commande {order}. Nous la traitons en priorité et vous enverrons le numéro de " +
      "suivi dès son expédition.",
    tracking:
      "Cher client, votre commande {order} est en route avec {carrier}. Numéro de suivi : {tracking}. Merci de " +
      "votre patience.",
    compensation:
      "Cher client, pour nous excuser du retard de la commande {order}, nous vous offrons {offer}. Merci de votre " +
      "compréhension.",
  },
  de: {
    apology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid: Ihre Bestellung {order} wurde durch unseren Fehler nicht " +
      "rechtzeitig versandt. Wir bearbeiten sie jetzt vorrangig und senden Ihnen die Sendungsnummer, sobald sie " +
      "unterwegs ist.",
    delayApology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid, dass Ihre Bestellung {order} nicht rechtzeitig versandt " +
      "wurde. Wir bearbeiten sie jetzt vorrangig und senden Ihnen die Sendungsnummer, sobald sie unterwegs ist.",
    checkingApology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid, dass Ihre Bestellung {order} nicht rechtzeitig versandt " +
      "wurde. Wir klären mit dem Plattform-Support, was sie verzögert hat, und bearbeiten Ihre Bestellung " +
      "vorrangig; Sie erhalten die Sendungsnummer, sobald sie unterwegs ist.",
    systemApology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid: Ein Fehler im Bestellsystem hat Ihre Bestellung {order} " +
      "verzögert. Wir haben den Plattform-Support kontaktiert (Ticket {ticket}) und versenden Ihre Bestellung " +
      "vorrangig.",
    shippedApology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid: Ihre Bestellung {order} wurde durch unseren Fehler " +
      "verspätet versandt. Sie ist jetzt mit {carrier} unterwegs. Sendungsnummer: {tracking}.",
    shippedDelayApology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid, dass Ihre Bestellung {order} verspätet versandt wurde. " +
      "Sie ist jetzt mit {carrier} unterwegs. Sendungsnummer: {tracking}.",
    shippedSystemApology:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid: Ein Fehler im Bestellsystem hat den Versand Ihrer " +
      "Bestellung {order} verzögert. Sie ist jetzt mit {carrier} unterwegs. Sendungsnummer: {tracking}.",
    shippedAwaitingTracking:
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid, dass Ihre Bestellung {order} verspätet versandt wurde: " +
      "Sie ist am {date}{withCarrier} abgegangen. Wir senden Ihnen die Sendungsnummer, sobald der " +
      "Versanddienstleister sie uns mitteilt.",
    priority:
      "Liebe Kundin, lieber Kunde, vielen Dank für Ihre Bestellung {order}. Wir bearbeiten sie vorrangig und " +
      "senden Ihnen die Sendungsnummer, sobald das Paket versandt ist.",
    tracking:
      "Liebe Kundin, lieber Kunde, Ihre Bestellung {order} ist mit {carrier} unterwegs. Sendungsnummer: {tracking}. " +
      "Danke für Ihre Geduld.",
    compensation:
      "Liebe Kundin, lieber Kunde, als Entschuldigung für die Verspätung der Bestellung {order} bieten wir Ihnen " +
      "{offer} an. Danke für Ihr Verständnis.",
  },
  pt: {
    apology:
      "Caro cliente, pedimos desculpa: o seu pedido {order} não foi enviado a tempo por erro nosso. Estamos a " +
      "processá-lo com prioridade e enviaremos o código de rastreio assim que for expedido.",
    delayApology:
      "Caro cliente, lamentamos que o seu pedido {order} não tenha sido enviado a tempo. Estamos a processá-lo " +
      "com prioridade e enviaremos o código de rastreio assim que for expedido.",
    checkingApology:
      "Caro cliente, lamentamos que o seu pedido {order} não tenha sido enviado a tempo. Estamos a verificar com " +
      "o suporte da plataforma o que o atrasou e a processá-lo com prioridade; receberá o código de rastreio " +
      "assim que for expedido.",
    systemApology:
      "Caro cliente, pedimos desculpa: um problema no sistema de pedidos atrasou o seu pedido {order}. " +
      "Contactámos o suporte da plataforma (ticket {ticket}) e vamos enviá-lo com prioridade.",
    shippedApology:
      "Caro cliente, pedimos desculpa: o seu pedido {order} foi enviado com atraso por erro nosso. Já está a " +
      "caminho com {carrier}. Código de rastreio: {tracking}.",
    shippedDelayApology:
      "Caro cliente, lamentamos que o seu pedido {order} tenha sido enviado com atraso. Já está a caminho com " +
      "{carrier}. Código de rastreio: {tracking}.",
    shippedSystemApology:
      "Caro cliente, pedimos desculpa: um problema no sistema de pedidos atrasou o envio do seu pedido {order}. Já " +
      "está a caminho com {carrier}. Código de rastreio: {tracking}.",
    shippedAwaitingTracking:
      "Caro cliente, lamentamos que o seu pedido {order} tenha sido enviado com atraso: foi expedido em {date}" +
      "{withCarrier}. Enviaremos o código de rastreio assim que a transportadora no-lo fornecer.",
    priority:
      "Caro cliente, obrigado pelo seu pedido {order}. Estamos a processá-lo com prioridade e enviaremos o código " +
      "de rastreio assim que for expedido.",
    tracking:
      "Caro cliente, o seu pedido {order} está a caminho com {carrier}. Código de rastreio: {tracking}. Obrigado " +
      "pela paciência.",
    compensation:
      "Caro cliente, para pedir desculpa pelo atraso do pedido {order}, gostaríamos de lhe oferecer {offer}. " +
      "Obrigado pela compreensão.",
  },
  ru: {
    apology:
      "Уважаемый покупатель, приносим извинения: ваш заказ {order} не был отправлен вовремя по нашей ошибке. Мы " +
      "обрабатываем его в приоритетном порядке и сообщим трек-номер сразу после отправки.",
    delayApology:
      "Уважаемый покупатель, приносим извинения: ваш заказ {order} не был отправлен вовремя. Мы обрабатываем его " +
      "в приоритетном порядке и сообщим трек-номер сразу после отправки.",
    checkingApology:
      "Уважаемый покупатель, приносим извинения: ваш заказ {order} не был отправлен вовремя. Мы выясняем причину " +
      "задержки с поддержкой платформы и обрабатываем заказ в приоритетном порядке; трек-номер сообщим сразу " +
      "после отправки.",
    systemApology:
      "Уважаемый покупатель, приносим извинения: сбой системы заказов задержал ваш заказ {order}. Мы обратились в " +
      "поддержку платформы (обращение {ticket}) и отправим заказ в приоритетном порядке.",
    shippedApology:
      "Уважаемый покупатель, приносим извинения: ваш заказ {order} был отправлен с опозданием по нашей ошибке. " +
      "Сейчас он в пути, служба доставки {carrier}. Трек-номер: {tracking}.",
    shippedDelayApology:
      "Уважаемый покупатель, приносим извинения: ваш заказ {order} был отправлен с опозданием. Сейчас он в пути, " +
      "служба доставки {carrier}. Трек-номер: {tracking}.",
    shippedSystemApology:
      "Уважаемый покупатель, приносим извинения: сбой системы заказов задержал отправку вашего заказа {order}. " +
      "Сейчас он в пути, служба доставки {carrier}. Трек-номер: {tracking}.",
    shippedAwaitingTracking:
      "Уважаемый покупатель, приносим извинения за задержку: ваш заказ {order} был отправлен {date}{withCarrier}, " +
      "позже срока. Трек-номер сообщим сразу, как только его предоставит служба доставки.",
    priority:
      "Уважаемый покупатель, благодарим за заказ {order}. Мы обрабатываем его в приоритетном порядке и сообщим " +
      "трек-номер сразу после отправки.",
    tracking:
      "Уважаемый покупатель, ваш заказ {order} отправлен службой {carrier}. Трек-номер: {tracking}. Спасибо за " +
      "терпение.",
    compensation:
      "Уважаемый покупатель, в качестве извинения за задержку заказа {order} мы предлагаем вам {offer}. Спасибо за " +
      "понимание.",
  },
};

export function messages(language: string, template: TemplateName, values: Record<string, string>): BuyerMessage[] {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? "");
  const languages = language === "en" ? ["en"] : ["en", language];
  return languages.map((l) => ({ language: l, text: fill(TEMPLATES[l]![template]) }));
}

/** How each language names the carrier after the shipping day, empty when the order names none. */
const WITH_CARRIER: Record<string, string> = {
  en: " with {carrier}",
  es: " con {carrier}",
  fr: " avec {carrier}",
  de: " mit {carrier}",
  pt: " com {carrier}",
  ru: " через {carrier}",
};

/** What the message for an order shipped without a tracking number says. */
export interface AwaitingTrackingSaid {
  order: string;
  /** When the shipment counts as made (`Orders.countedShippedAt`): the day the message names. */
  shippedAt: string;
  carrier: string | null;
  /** The buyer's country (`Geo.buyerTimeZone`): the day is the one on the buyer's calendar. */
  buyerCountry: string;
}

/**
 * The first message for an order that shipped late with no tracking number yet, in English and the buyer's language:
 * it shipped on that day, with the carrier when the order names one, and the number follows once the carrier gives
 * it. The day is written in each reader's language, as the buyer's calendar has it: the order shipped at 20:00 UTC
 * left on the next day for a buyer in Tokyo and on that day for one in New York.
 */
export function awaitingTrackingMessages(language: string, said: AwaitingTrackingSaid): BuyerMessage[] {
  const languages = language === "en" ? ["en"] : ["en", language];
  const timeZone = buyerTimeZone(said.buyerCountry);
  return languages.map((l) => {
    const date = new Intl.DateTimeFormat(l, { dateStyle: "long", timeZone }).format(new Date(said.shippedAt));
    const withCarrier = said.carrier ? fillIn(WITH_CARRIER[l]!, { carrier: said.carrier }) : "";
    const values = { order: said.order, date, withCarrier };
    return { language: l, text: fillIn(TEMPLATES[l]!.shippedAwaitingTracking, values) };
  });
}

/**
 * What is offered, one wording per kind and language, so the message never reads as something else: a coupon is for
 * the next order, a discount is a percent off this order with the money it gives back ({amount} in the reader's
 * format, {percent} the whole percent).
 */
const OFFER_WORDS: Record<string, Record<CompensationKind, string>> = {
  en: {
    COUPON: "a {amount} coupon for your next order",
    DISCOUNT: "a {percent} % discount on this order ({amount} back)",
    PARTIAL_REFUND: "a partial refund of {amount}",
    GIFT: "a small gift worth {amount}",
    FREE_SHIPPING: "free shipping, worth {amount}, on your next order",
  },
  es: {
    COUPON: "un cupón de {amount} para su próximo pedido",
    DISCOUNT: "un descuento del {percent} % en este pedido (le devolvemos {amount})",
    PARTIAL_REFUND: "un reembolso parcial de {amount}",
    GIFT: "un pequeño regalo por valor de {amount}",
    FREE_SHIPPING: "el envío gratuito, por valor de {amount}, en su próximo pedido",
  },
  fr: {
    COUPON: "un bon d'achat de {amount} pour votre prochaine commande",
    DISCOUNT: "une remise de {percent} % sur cette commande ({amount} remboursés)",
    PARTIAL_REFUND: "un remboursement partiel de {amount}",
    GIFT: "un petit cadeau d'une valeur de {amount}",
    FREE_SHIPPING: "la livraison gratuite, d'une valeur de {amount}, sur votre prochaine commande",
  },
  de: {
    COUPON: "einen Gutschein über {amount} für Ihre nächste Bestellung",
    DISCOUNT: "einen Rabatt von {percent} % auf diese Bestellung ({amount} zurück)",
    PARTIAL_REFUND: "eine Teilerstattung von {amount}",
    GIFT: "ein kleines Geschenk im Wert von {amount}",
    FREE_SHIPPING: "kostenlosen Versand im Wert von {amount} für Ihre nächste Bestellung",
  },
  pt: {
    COUPON: "um cupão de {amount} para o seu próximo pedido",
    DISCOUNT: "um desconto de {percent} % neste pedido ({amount} devolvidos)",
    PARTIAL_REFUND: "um reembolso parcial de {amount}",
    GIFT: "um pequeno presente no valor de {amount}",
    FREE_SHIPPING: "portes grátis, no valor de {amount}, no seu próximo pedido",
  },
  ru: {
    COUPON: "купон на {amount} для следующего заказа",
    DISCOUNT: "скидку {percent} % на этот заказ (возврат {amount})",
    PARTIAL_REFUND: "частичный возврат {amount}",
    GIFT: "небольшой подарок стоимостью {amount}",
    FREE_SHIPPING: "бесплатную доставку стоимостью {amount} для следующего заказа",
  },
};

/** What the compensation message offers. */
export interface OfferSaid {
  order: string;
  kind: CompensationKind;
  amount: Money;
  percentOfOrder: number;
}

/**
 * The compensation message, in English and the buyer's language: it names what is offered (`OFFER_WORDS`), the
 * amount written as each reader writes money.
 */
export function compensationMessages(language: string, offer: OfferSaid): BuyerMessage[] {
  const languages = language === "en" ? ["en"] : ["en", language];
  return languages.map((l) => {
    const what = fillIn(OFFER_WORDS[l]![offer.kind], {
      amount: format(offer.amount, l),
      percent: String(offer.percentOfOrder),
    });
    return { language: l, text: fillIn(TEMPLATES[l]!.compensation, { order: offer.order, offer: what }) };
  });
}

function fillIn(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? "");
}
