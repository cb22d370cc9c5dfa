import { type CorpusDraft, paras } from './types';

const c = (id: string, d: Omit<CorpusDraft, 'id' | 'label' | 'category'>): CorpusDraft => ({
  id,
  label: 'clean',
  category: 'non-English',
  ...d,
});

/** Cold emails in other languages and scripts, as reps in those markets write them. */
export const CLEAN_INTERNATIONAL: CorpusDraft[] = [
  c('de-plain', {
    subject: 'Frage zur Einarbeitung neuer Mitarbeiter',
    text: 'Hallo Frau Schneider,\n\nich habe gesehen, dass Acme in diesem Jahr zwei neue Standorte eröffnet hat. Wie organisieren Sie derzeit die Einarbeitung neuer Kolleginnen und Kollegen – Laptop, Zugänge, erste Woche?\n\nWir haben der Northwind GmbH geholfen, die Einarbeitung von 30 auf 2 Tage zu verkürzen. Hätten Sie nächste Woche 20 Minuten für ein kurzes Gespräch?\n\nViele Grüße\nJonas Becker\nFairsend GmbH',
  }),
  c('fr-html', {
    subject: 'Vos délais de clôture mensuelle',
    html: paras(
      'Bonjour Madame Lefèvre,',
      'J’ai lu dans votre rapport annuel que la clôture mensuelle prend encore douze jours chez Globex. Chez nos clients de taille comparable, elle passe en moyenne à cinq jours après la mise en place d’un rapprochement bancaire automatique.',
      'Seriez-vous disponible 20 minutes la semaine prochaine pour en discuter ?',
      'Bien cordialement,<br>Camille Martin',
    ),
  }),
  c('es-plain', {
    subject: 'Una pregunta sobre su equipo de soporte',
    text: 'Hola Lucía,\n\nVi que Vandelay abrió un centro de soporte en Bogotá. ¿Cómo están gestionando las consultas en español y en inglés con el mismo equipo?\n\nAyudamos a equipos de 20 a 50 agentes a reducir el tiempo de primera respuesta a menos de una hora. ¿Le interesaría una llamada breve el jueves?\n\nSaludos cordiales,\nDiego Ramírez',
  }),
  c('pt-br-html', {
    subject: 'Conciliação bancária na Globex',
    html: paras(
      'Olá, Rafael,',
      'Empresas do porte da Globex costumam gastar de 3 a 5 dias por mês com conciliação bancária manual. Automatizamos esse processo para mais de 200 empresas no Brasil, com integração direta ao seu ERP.',
      'Podemos conversar 15 minutos na próxima semana?',
      'Abraços,<br>Beatriz Souza',
    ),
  }),
  c('it-plain', {
    subject: 'Magazzino di Bologna',
    text: 'Buongiorno dott. Ferrari,\n\ncomplimenti per l’apertura del nuovo magazzino di Bologna. Con due sedi, di solito l’inventario diventa il primo problema: giacenze diverse, ordini doppi, telefonate continue.\n\nAbbiamo aiutato aziende simili a gestire entrambe le sedi da un’unica vista. Le andrebbe una breve chiamata giovedì?\n\nCordiali saluti,\nGiulia Romano',
  }),
  c('nl-plain', {
    subject: 'Planning van uw monteurs',
    text: 'Beste Sanne,\n\nIk zag dat Umbrella Installatietechniek dit jaar is gegroeid naar veertig monteurs. Hoe maakt u op dit moment de dagplanning: handmatig of met een planningssysteem?\n\nWe helpen installatiebedrijven om de planning automatisch te maken op basis van vaardigheden en reistijd. Zullen we volgende week even bellen?\n\nMet vriendelijke groet,\nDaan de Vries',
  }),
  c('sv-plain', {
    subject: 'Fråga om er leverantörsgranskning',
    text: 'Hej Erik,\n\nJag såg att Globex Sverige inför en ny leverantörspolicy. Hur hanterar ni säkerhetsgranskningarna i dag – med kalkylblad eller ett system?\n\nVi hjälper inköpsteam att korta granskningstiden från veckor till dagar. Har du tid för ett kort samtal nästa vecka?\n\nVänliga hälsningar,\nAstrid Lund',
  }),
  c('pl-html', {
    subject: 'Rozliczanie delegacji w Acme',
    html: paras(
      'Dzień dobry Pani Katarzyno,',
      'Zauważyłam, że Acme zatrudnia ponad 60 handlowców w terenie. Rozliczanie delegacji i kilometrówek w arkuszach zajmuje zwykle kilka dni w miesiącu.',
      'Pomagamy firmom takim jak Państwa zautomatyzować ten proces. Czy znalazłaby Pani 15 minut w przyszłym tygodniu?',
      'Z poważaniem,<br>Magdalena Nowak',
    ),
  }),
  c('ja-html-logo', {
    subject: '新入社員のオンボーディングについて',
    html: `${paras(
      '山田様',
      '突然のご連絡失礼いたします。Fairsendの佐藤と申します。',
      '御社が今年大阪に新しい拠点を開設されたと拝見しました。新入社員のPC準備やアカウント発行に時間がかかっていないでしょうか。',
      '弊社では、入社手続きを30日から2日に短縮した事例がございます。来週、15分ほどお時間をいただけないでしょうか。',
      'よろしくお願いいたします。<br>佐藤 健',
    )}<p><img src="https://fairsend.example/brand/logo.png" alt="Fairsend" width="90" height="24"></p>`,
  }),
  c('zh-plain', {
    subject: '关于贵公司客服团队的一个问题',
    text: '王经理您好，\n\n我注意到贵公司最近在成都开设了新的客服中心。请问目前中英文咨询是由同一个团队处理吗？\n\n我们帮助过多家类似规模的企业，把首次响应时间缩短到一小时以内。下周四是否方便通话十五分钟？\n\n此致\n李明\nFairsend',
  }),
  c('ru-plain', {
    subject: 'Вопрос о графике смен',
    text: 'Здравствуйте, Анна!\n\nЯ увидел, что у Umbrella теперь три клиники в Казани. Как вы сейчас составляете график смен для персонала – вручную или в системе?\n\nМы помогаем клиникам составлять графики автоматически с учётом трудового законодательства. Удобно ли вам созвониться на следующей неделе?\n\nС уважением,\nДмитрий Иванов',
  }),
  c('ko-html', {
    subject: '신규 물류센터 재고 관리 관련 문의',
    html: paras(
      '김 부장님께,',
      '안녕하세요. Fairsend의 박지훈입니다. 최근 인천에 두 번째 물류센터를 여셨다는 소식을 들었습니다.',
      '두 센터의 재고를 하나의 화면에서 관리할 수 있도록 도와드리고 있습니다. 다음 주에 15분 정도 통화 가능하실까요?',
      '감사합니다.<br>박지훈 드림',
    ),
  }),
  c('ar-plain', {
    subject: 'سؤال حول فريق المبيعات لديكم',
    text: 'مرحباً أستاذ خالد،\n\nلاحظت أن شركتكم افتتحت مكتباً جديداً في دبي هذا العام. كيف تنظمون حالياً متابعة العملاء المحتملين بين الفريقين؟\n\nنساعد فرق المبيعات على تنظيم التواصل الأول مع العملاء دون الوقوع في فلاتر البريد المزعج. هل يناسبكم اتصال قصير الأسبوع المقبل؟\n\nمع خالص التحية،\nليلى حسن',
  }),
  c('de-prices', {
    subject: 'Kosten für 40 Arbeitsplätze',
    text: 'Hallo Herr Wagner,\n\nwie besprochen die Zahlen für 40 Arbeitsplätze: 19 € pro Nutzer und Monat, also 9.120 € im Jahr. Bei jährlicher Zahlung gewähren wir 10 % Rabatt. Die Einrichtung ist im Preis enthalten.\n\nMelden Sie sich gern, wenn Sie ein formelles Angebot brauchen.\n\nBeste Grüße\nLisa Hoffmann',
  }),
];
